package org.mailmedic.engine.report;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.mailmedic.engine.report.PdfFonts.Face;

/**
 * A flowing A4 page layout over PDFBox: a cursor that moves down the page, text that wraps
 * (at spaces, then hard within any over-long token) and breaks across pages, shaded code
 * blocks, coloured badges, plus named anchors and links between them that are resolved into
 * GoTo actions once every page exists. Every string is sanitised before it is drawn.
 */
final class PdfCanvas implements Closeable {

    static final float PAGE_W = PDRectangle.A4.getWidth();
    static final float PAGE_H = PDRectangle.A4.getHeight();
    static final float MARGIN_X = 54;
    static final float TOP = PAGE_H - 56;
    static final float BOTTOM = 56;
    static final float CONTENT_W = PAGE_W - 2 * MARGIN_X;

    static final Color INK = new Color(0x1f, 0x23, 0x28);
    static final Color GREY = new Color(0x5f, 0x66, 0x6d);
    static final Color RULE = new Color(0xd0, 0xd4, 0xd9);
    static final Color SHADE = new Color(0xf1, 0xf3, 0xf5);
    static final Color LINK = new Color(0x0b, 0x57, 0xa4);

    /** A text style: face, size, line height, colour. */
    record Style(Face face, float size, float leading, Color color) {
        Style withColor(Color c) {
            return new Style(face, size, leading, c);
        }
    }

    static final Style TITLE = new Style(Face.BOLD, 24, 30, INK);
    static final Style H1 = new Style(Face.BOLD, 17, 24, INK);
    static final Style H2 = new Style(Face.BOLD, 12.5f, 18, INK);
    static final Style H3 = new Style(Face.BOLD, 10.5f, 15, INK);
    static final Style BODY = new Style(Face.REGULAR, 10, 14, INK);
    static final Style BODY_BOLD = new Style(Face.BOLD, 10, 14, INK);
    static final Style LEAD = new Style(Face.BOLD, 13, 18, INK);
    static final Style SMALL = new Style(Face.REGULAR, 8.5f, 11.5f, GREY);
    static final Style MONO = new Style(Face.MONO, 7.8f, 10.2f, INK);

    /** A place in the document: page index and the y of its top. */
    record Anchor(int page, float y) {
    }

    private record PendingLink(int page, PDRectangle rect, String anchor) {
    }

    final PDDocument doc;
    final PdfFonts fonts;
    private final List<PDPage> pages = new ArrayList<>();
    private final Map<String, Anchor> anchors = new HashMap<>();
    private final List<PendingLink> links = new ArrayList<>();
    private PDPageContentStream cs;
    private int pageIndex = -1;
    float y;

    PdfCanvas(PDDocument doc) throws IOException {
        this.doc = doc;
        this.fonts = new PdfFonts(doc);
    }

    // ---- pages -------------------------------------------------------------------------

    void newPage() throws IOException {
        closeStream();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages.add(page);
        pageIndex = pages.size() - 1;
        cs = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** Adds an empty page now (for the table of contents, filled in later). */
    int reservePage() throws IOException {
        closeStream();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages.add(page);
        pageIndex = -1;
        return pages.size() - 1;
    }

    /** Continues drawing on an earlier page (appending to its content), at {@code top}. */
    void resume(int index, float top) throws IOException {
        closeStream();
        pageIndex = index;
        cs = new PDPageContentStream(doc, pages.get(index), PDPageContentStream.AppendMode.APPEND, true, true);
        y = top;
    }

    int pageIndex() {
        return pageIndex;
    }

    int pageCount() {
        return pages.size();
    }

    PDPage page(int index) {
        return pages.get(index);
    }

    PDPageContentStream stream() {
        return cs;
    }

    /** Starts a new page unless {@code height} points still fit above the bottom margin. */
    void ensure(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    void space(float h) {
        y -= h;
    }

    void closeStream() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    // ---- anchors and links -------------------------------------------------------------

    void anchor(String id) {
        anchors.put(id, new Anchor(pageIndex, y));
    }

    Anchor anchorOf(String id) {
        return anchors.get(id);
    }

    void link(float x, float yBottom, float w, float h, String anchorId) {
        links.add(new PendingLink(pageIndex, new PDRectangle(x, yBottom, w, h), anchorId));
    }

    PDPageXYZDestination destination(Anchor a) {
        PDPageXYZDestination d = new PDPageXYZDestination();
        d.setPage(pages.get(a.page()));
        d.setLeft(0);
        d.setTop(Math.round(Math.min(PAGE_H, a.y() + 24)));
        return d;
    }

    /** Turns every recorded link into an annotation with a GoTo action. */
    void resolveLinks() throws IOException {
        PDBorderStyleDictionary none = new PDBorderStyleDictionary();
        none.setWidth(0);
        for (PendingLink l : links) {
            Anchor a = anchors.get(l.anchor());
            if (a == null) {
                continue;
            }
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(l.rect());
            link.setBorderStyle(none);
            PDActionGoTo go = new PDActionGoTo();
            go.setDestination(destination(a));
            link.setAction(go);
            pages.get(l.page()).getAnnotations().add(link);
        }
    }

    // ---- text --------------------------------------------------------------------------

    /** Draws one already wrapped, sanitised line with its baseline at {@code baseline}. */
    void drawLine(String line, Style st, float x, float baseline) throws IOException {
        if (line.isEmpty()) {
            return;
        }
        line = visualOrder(line);
        cs.beginText();
        cs.setNonStrokingColor(st.color());
        cs.newLineAtOffset(x, baseline);
        for (PdfFonts.Run r : fonts.runs(st.face(), line)) {
            cs.setFont(r.font(), st.size());
            cs.showText(r.text());
        }
        cs.endText();
    }

    /**
     * Right-to-left text (Hebrew, Arabic) in display order: PDF shows glyphs left to right as
     * given, so runs are reordered by the Unicode bidi algorithm (paragraph direction
     * left-to-right, as the report is) and right-to-left runs reversed with mirrored
     * brackets. Arabic letters keep their isolated forms (no shaping).
     */
    static String visualOrder(String line) {
        char[] chars = line.toCharArray();
        if (!java.text.Bidi.requiresBidi(chars, 0, chars.length)) {
            return line;
        }
        java.text.Bidi bidi = new java.text.Bidi(line, java.text.Bidi.DIRECTION_LEFT_TO_RIGHT);
        int runs = bidi.getRunCount();
        byte[] levels = new byte[runs];
        String[] texts = new String[runs];
        for (int r = 0; r < runs; r++) {
            levels[r] = (byte) bidi.getRunLevel(r);
            String t = line.substring(bidi.getRunStart(r), bidi.getRunLimit(r));
            texts[r] = (levels[r] & 1) == 1 ? reverseMirrored(t) : t;
        }
        java.text.Bidi.reorderVisually(levels, 0, texts, 0, runs);
        return String.join("", texts);
    }

    private static String reverseMirrored(String t) {
        StringBuilder b = new StringBuilder(t.length());
        for (int i = t.length(); i > 0; ) {
            int cp = t.codePointBefore(i);
            i -= Character.charCount(cp);
            b.appendCodePoint(mirror(cp));
        }
        return b.toString();
    }

    private static int mirror(int cp) {
        return switch (cp) {
            case '(' -> ')';
            case ')' -> '(';
            case '[' -> ']';
            case ']' -> '[';
            case '{' -> '}';
            case '}' -> '{';
            case '<' -> '>';
            case '>' -> '<';
            case '\u00AB' -> '\u00BB';
            case '\u00BB' -> '\u00AB';
            default -> cp;
        };
    }

    float width(String s, Style st) {
        return fonts.width(st.face(), s, st.size());
    }

    /** Splits raw text into sanitised printable lines (on CR, LF, CRLF). */
    static List<String> logicalLines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(TextSanitizer.forPrint(text.substring(start, i)));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(TextSanitizer.forPrint(text.substring(start)));
        return out;
    }

    /**
     * Wraps one sanitised line: breaks after a space (or after {@code / , ; = &}) when it can,
     * and inside a token when one alone is wider than the line.
     */
    List<String> wrap(String line, Style st, float firstWidth, float restWidth) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        if (n == 0) {
            out.add("");
            return out;
        }
        while (i < n) {
            int end = rowEnd(line, i, out.isEmpty() ? firstWidth : restWidth, k -> st);
            if (end >= n) {
                out.add(line.substring(i));
                break;
            }
            out.add(stripTrailingSpaces(line.substring(i, end)));
            i = end;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
        }
        return out;
    }

    /**
     * Where a row of {@code s} that starts at {@code i} ends within {@code max} points: after the
     * last space (or {@code / , ; = & |}) that fits, else where the width runs out (inside a token
     * that alone is too wide), else at the end of {@code s}.
     */
    private int rowEnd(CharSequence s, int i, float max, IntFunction<Style> styleAt) {
        int n = s.length();
        float w = 0;
        int j = i;
        int lastBreak = -1;
        while (j < n) {
            int cp = Character.codePointAt(s, j);
            Style st = styleAt.apply(j);
            float cw = fonts.charWidth(st.face(), cp, st.size());
            if (w + cw > max && j > i) {
                break;
            }
            w += cw;
            j += Character.charCount(cp);
            if (cp == ' ' || cp == '/' || cp == ',' || cp == ';' || cp == '&' || cp == '=' || cp == '|') {
                lastBreak = j;
            }
        }
        return j >= n ? n : lastBreak > i ? lastBreak : j;
    }

    private static String stripTrailingSpaces(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == ' ') {
            e--;
        }
        return s.substring(0, e);
    }

    /** A wrapped paragraph at {@code x} with width {@code w}; breaks pages between lines. */
    void paragraph(String text, Style st, float x, float w) throws IOException {
        for (String logical : logicalLines(text)) {
            for (String line : wrap(logical, st, w, w)) {
                ensure(st.leading());
                y -= st.leading();
                drawLine(line, st, x, y + (st.leading() - st.size()) * 0.55f);
            }
        }
    }

    void paragraph(String text, Style st) throws IOException {
        paragraph(text, st, MARGIN_X, CONTENT_W);
    }

    /** Height a paragraph will take (for keeping blocks together). */
    float measure(String text, Style st, float w) {
        int lines = 0;
        for (String logical : logicalLines(text)) {
            lines += wrap(logical, st, w, w).size();
        }
        return lines * st.leading();
    }

    /**
     * A line with a prefix (e.g. {@code maillog:12} or {@code 1.}) drawn in {@code prefixStyle}
     * and the text after it; continuation lines hang at {@code x + hang}.
     */
    void prefixed(String prefix, Style prefixStyle, String text, Style st, float x, float w, float hang,
            Color shade) throws IOException {
        prefixedRows(prefix, prefixStyle, List.of(new Piece(text, st, false)), st, x, w, hang, shade);
    }

    /** A piece of a line of prose in one style; {@code code} pieces sit on a shaded background. */
    record Piece(String text, Style style, boolean code) {
    }

    /**
     * Splits pieces into printable logical lines (at CR, LF, CRLF inside any piece), each piece
     * sanitised for print.
     */
    static List<List<Piece>> logicalLines(List<Piece> pieces) {
        List<List<Piece>> out = new ArrayList<>();
        List<Piece> cur = new ArrayList<>();
        for (Piece p : pieces) {
            List<String> parts = logicalLines(p.text());
            for (int k = 0; k < parts.size(); k++) {
                if (k > 0) {
                    out.add(cur);
                    cur = new ArrayList<>();
                }
                if (!parts.get(k).isEmpty()) {
                    cur.add(new Piece(parts.get(k), p.style(), p.code()));
                }
            }
        }
        out.add(cur);
        return out;
    }

    /**
     * Wraps one logical line of mixed pieces as {@link #wrap} wraps plain text: after a space
     * (or after {@code / , ; = & |}) when it can, inside a token when one alone is too wide.
     */
    List<List<Piece>> wrapPieces(List<Piece> line, float firstWidth, float restWidth) {
        StringBuilder all = new StringBuilder();
        List<Integer> owner = new ArrayList<>();
        for (int k = 0; k < line.size(); k++) {
            String t = line.get(k).text();
            all.append(t);
            for (int q = 0; q < t.length(); q++) {
                owner.add(k);
            }
        }
        List<List<Piece>> out = new ArrayList<>();
        int n = all.length();
        int i = 0;
        while (i < n) {
            int end = rowEnd(all, i, out.isEmpty() ? firstWidth : restWidth, j -> line.get(owner.get(j)).style());
            int stop = end;
            if (end < n) {
                while (stop > i && all.charAt(stop - 1) == ' ') {
                    stop--;
                }
            }
            List<Piece> row = new ArrayList<>();
            int a = i;
            while (a < stop) {
                int k = owner.get(a);
                int b = a;
                while (b < stop && owner.get(b) == k) {
                    b++;
                }
                Piece p = line.get(k);
                row.add(new Piece(all.substring(a, b), p.style(), p.code()));
                a = b;
            }
            out.add(row);
            i = end;
            while (i < n && all.charAt(i) == ' ') {
                i++;
            }
        }
        if (out.isEmpty()) {
            out.add(List.of());
        }
        return out;
    }

    /**
     * Like {@link #prefixed} for prose with inline code: the pieces flow together, code pieces
     * in their own (monospace) style on a light shade; continuation lines hang at {@code x + hang}.
     */
    void prefixedPieces(String prefix, Style prefixStyle, List<Piece> pieces, Style st, float x, float w, float hang)
            throws IOException {
        prefixedRows(prefix, prefixStyle, pieces, st, x, w, hang, null);
    }

    /** Draws {@link #prefixed} and {@link #prefixedPieces}: each row shaded whole when {@code rowShade} is set. */
    private void prefixedRows(String prefix, Style prefixStyle, List<Piece> pieces, Style st, float x, float w,
            float hang, Color rowShade) throws IOException {
        String p = TextSanitizer.forPrint(prefix);
        float pw = p.isEmpty() ? 0 : width(p, prefixStyle) + 5;
        boolean first = true;
        for (List<Piece> logical : logicalLines(pieces)) {
            for (List<Piece> line : wrapPieces(logical, first ? w - pw : w - hang, w - hang)) {
                ensure(st.leading());
                y -= st.leading();
                float base = y + (st.leading() - st.size()) * 0.6f;
                if (rowShade != null) {
                    fillRect(x - 3, y, w + 6, st.leading(), rowShade);
                }
                if (first && !p.isEmpty()) {
                    drawLine(p, prefixStyle, x, base);
                }
                float cx = first ? x + pw : x + hang;
                for (Piece piece : line) {
                    float pwid = width(piece.text(), piece.style());
                    if (piece.code()) {
                        fillRect(cx - 1.5f, y + 1, pwid + 3, st.leading() - 1.5f, SHADE);
                    }
                    drawLine(piece.text(), piece.style(), cx, base);
                    cx += pwid;
                }
                first = false;
            }
        }
    }

    /** A monospace block on a shaded background; long lines wrap with a hanging indent. */
    void codeBlock(String code, float x, float w) throws IOException {
        space(3);
        for (String logical : logicalLines(code)) {
            List<String> lines = wrap(logical, MONO, w - 8, w - 20);
            for (int k = 0; k < lines.size(); k++) {
                ensure(MONO.leading());
                y -= MONO.leading();
                fillRect(x, y - 1, w, MONO.leading() + 1, SHADE);
                drawLine(lines.get(k), MONO, x + (k == 0 ? 4 : 16), y + 2.6f);
            }
        }
        space(4);
    }

    // ---- shapes ------------------------------------------------------------------------

    void fillRect(float x, float yb, float w, float h, Color c) throws IOException {
        cs.setNonStrokingColor(c);
        cs.addRect(x, yb, w, h);
        cs.fill();
    }

    void hrule(float x, float yy, float w, Color c, float lineWidth) throws IOException {
        cs.setStrokingColor(c);
        cs.setLineWidth(lineWidth);
        cs.moveTo(x, yy);
        cs.lineTo(x + w, yy);
        cs.stroke();
    }

    void roundRect(float x, float yb, float w, float h, float r, Color fill) throws IOException {
        final float k = 0.5523f * r;
        cs.setNonStrokingColor(fill);
        cs.moveTo(x + r, yb);
        cs.lineTo(x + w - r, yb);
        cs.curveTo(x + w - r + k, yb, x + w, yb + r - k, x + w, yb + r);
        cs.lineTo(x + w, yb + h - r);
        cs.curveTo(x + w, yb + h - r + k, x + w - r + k, yb + h, x + w - r, yb + h);
        cs.lineTo(x + r, yb + h);
        cs.curveTo(x + r - k, yb + h, x, yb + h - r + k, x, yb + h - r);
        cs.lineTo(x, yb + r);
        cs.curveTo(x, yb + r - k, x + r - k, yb, x + r, yb);
        cs.closePath();
        cs.fill();
    }

    static final Style BADGE = new Style(Face.BOLD, 7.5f, 10, Color.WHITE);

    /** A coloured pill with white capitals; returns its width. */
    float badge(String label, Color fill, float x, float baseline) throws IOException {
        String t = label.toUpperCase(java.util.Locale.ROOT);
        float w = width(t, BADGE) + 10;
        roundRect(x, baseline - 3, w, 12, 3, fill);
        drawLine(t, BADGE, x + 5, baseline);
        return w;
    }

    float badgeWidth(String label) {
        return width(label.toUpperCase(java.util.Locale.ROOT), BADGE) + 10;
    }

    @Override
    public void close() throws IOException {
        closeStream();
        fonts.close();
    }
}

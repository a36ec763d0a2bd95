package org.mailmedic.engine.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts shipped with MailMedic, embedded as subsets into one document: DejaVu Sans (and
 * Bold) for prose, DejaVu Sans Mono for log lines and snippets; per character, what a face
 * lacks comes from DejaVu Sans, then from Droid Sans Fallback (CJK above all). A character no font has
 * prints as U+FFFD. Widths come straight from the fonts' metrics, cached per character.
 */
final class PdfFonts implements Closeable {

    enum Face {
        REGULAR("DejaVuSans.ttf"), BOLD("DejaVuSans-Bold.ttf"), MONO("DejaVuSansMono.ttf");

        final String file;

        Face(String file) {
            this.file = file;
        }
    }

    private static final String FALLBACK_FILE = "DroidSansFallbackFull.ttf";
    private static final Map<String, byte[]> BYTES = new HashMap<>();

    /** A run of text in one font. */
    record Run(PDFont font, String text) {
    }

    private final PDDocument doc;
    private final List<TrueTypeFont> open = new ArrayList<>();
    private final Loaded[] faces = new Loaded[Face.values().length];
    private Loaded fallback;
    private boolean fallbackFailed;

    /** One parsed font: its PDF font, its cmap, and a cache of widths (1/1000 em) per char. */
    private static final class Loaded {
        final PDFont font;
        final CmapLookup cmap;
        final TrueTypeFont ttf;
        final float scale;
        final float[] bmpWidth = new float[0x10000];
        final Map<Integer, Float> otherWidth = new HashMap<>();

        Loaded(PDFont font, TrueTypeFont ttf) throws IOException {
            this.font = font;
            this.ttf = ttf;
            this.cmap = ttf.getUnicodeCmapLookup();
            this.scale = 1000f / ttf.getUnitsPerEm();
            Arrays.fill(bmpWidth, Float.NaN);
        }

        /** Width in 1/1000 em, or -1 when the font has no glyph for {@code cp}. */
        float width(int cp) {
            if (cp < 0x10000) {
                float w = bmpWidth[cp];
                if (Float.isNaN(w)) {
                    w = measure(cp);
                    bmpWidth[cp] = w;
                }
                return w;
            }
            return otherWidth.computeIfAbsent(cp, this::measure);
        }

        private float measure(int cp) {
            int gid = cmap.getGlyphId(cp);
            if (gid <= 0) {
                return -1f;
            }
            try {
                return ttf.getAdvanceWidth(gid) * scale;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    PdfFonts(PDDocument doc) throws IOException {
        this.doc = doc;
        for (Face f : Face.values()) {
            faces[f.ordinal()] = load(f.file);
        }
    }

    private Loaded load(String file) throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes(file)));
        open.add(ttf);
        // No glyph substitution: PDFBox would only apply Latin ligatures here (unwanted in log
        // lines and snippets), at the cost of a regex pass per string shown.
        ttf.setEnableGsub(false);
        return new Loaded(PDType0Font.load(doc, ttf, true), ttf);
    }

    private static byte[] bytes(String file) throws IOException {
        synchronized (BYTES) {
            byte[] b = BYTES.get(file);
            if (b == null) {
                try (InputStream in = PdfFonts.class.getResourceAsStream("fonts/" + file)) {
                    if (in == null) {
                        throw new IOException("font resource fonts/" + file + " is missing from the application");
                    }
                    b = in.readAllBytes();
                }
                BYTES.put(file, b);
            }
            return b;
        }
    }

    private Loaded fallback() {
        if (fallback == null && !fallbackFailed) {
            try {
                fallback = load(FALLBACK_FILE);
            } catch (IOException e) {
                fallbackFailed = true;
            }
        }
        return fallback;
    }

    PDFont font(Face face) {
        return faces[face.ordinal()].font;
    }

    /**
     * The font that draws {@code cp} for {@code face}: the face itself, then DejaVu Sans (which
     * has Hebrew, Arabic and more that the monospace and bold faces lack), then Droid Sans
     * Fallback; null when none has it.
     */
    private Loaded fontFor(Face face, int cp) {
        Loaded main = faces[face.ordinal()];
        if (main.width(cp) >= 0) {
            return main;
        }
        Loaded regular = faces[Face.REGULAR.ordinal()];
        if (face != Face.REGULAR && regular.width(cp) >= 0) {
            return regular;
        }
        Loaded fb = fallback();
        return fb != null && fb.width(cp) >= 0 ? fb : null;
    }

    /** Width of one character in points at {@code size}, in whichever font will draw it. */
    float charWidth(Face face, int cp, float size) {
        float w = faces[face.ordinal()].width(cp);
        if (w < 0) {
            Loaded f = fontFor(face, cp);
            w = f == null ? faces[face.ordinal()].width(0xFFFD) : f.width(cp);
        }
        return w * size / 1000f;
    }

    float width(Face face, String s, float size) {
        float w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += charWidth(face, cp, size);
            i += Character.charCount(cp);
        }
        return w;
    }

    /** Splits already sanitised text into runs, each in a font that has all its glyphs. */
    List<Run> runs(Face face, String s) {
        Loaded main = faces[face.ordinal()];
        List<Run> out = new ArrayList<>(1);
        StringBuilder cur = new StringBuilder();
        Loaded curFont = main;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            Loaded use = fontFor(face, cp);
            if (use == null) {
                use = main;
                cp = 0xFFFD;
            }
            if (use != curFont && cur.length() > 0) {
                out.add(new Run(curFont.font, cur.toString()));
                cur.setLength(0);
            }
            curFont = use;
            cur.appendCodePoint(cp);
        }
        if (cur.length() > 0) {
            out.add(new Run(curFont.font, cur.toString()));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        for (TrueTypeFont t : open) {
            t.close();
        }
        open.clear();
    }
}

package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void findsAPatternWhereverItStartsIncludingTheVeryEnd() {
        byte[] line = b("to=<a@b.example>, relay=x, delay=1, dsn=2.0.0, status=sent (250 ok)");
        assertThat(Bytes.indexOf(line, 0, line.length, b(", status="))).isEqualTo(45);
        assertThat(Bytes.indexOf(line, 0, line.length, b("ok)"))).isEqualTo(line.length - 3);
        assertThat(Bytes.indexOf(line, 0, line.length - 1, b("ok)"))).isEqualTo(-1); // cut by the range end
        assertThat(Bytes.indexOf(line, 46, line.length, b(", status="))).isEqualTo(-1); // starts before from
        assertThat(Bytes.indexOf(line, 0, line.length, b(", nrcpt="))).isEqualTo(-1);
        assertThat(Bytes.indexOf(line, 5, 5, b(","))).isEqualTo(-1);
        assertThat(Bytes.indexOf(line, 3, line.length, new byte[0])).isEqualTo(3);
    }

    @Test
    void aFalseStartJustBeforeTheMatchIsSkipped() {
        byte[] s = b(",,, ,, size=, , size=12");
        assertThat(Bytes.indexOf(s, 0, s.length, b(", size="))).isEqualTo(5);
        assertThat(Bytes.indexOf(s, 6, s.length, b(", size="))).isEqualTo(14);
    }

    @Test
    void agreesWithStringIndexOfOnRandomText() {
        Random r = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            char[] c = new char[r.nextInt(120)];
            for (int k = 0; k < c.length; k++) {
                c[k] = "ab, =\u00e9".charAt(r.nextInt(6));
            }
            String text = new String(c);
            String pat = switch (r.nextInt(4)) {
                case 0 -> ", a";
                case 1 -> ", ab=";
                default -> {
                    if (text.isEmpty()) {
                        yield "a, ";
                    }
                    int s = r.nextInt(text.length());
                    yield text.substring(s, Math.min(text.length(), s + 1 + r.nextInt(10)));
                }
            };
            int from = text.isEmpty() ? 0 : r.nextInt(text.length());
            int to = from + r.nextInt(text.length() - from + 1); // a range that may end before the array
            int found = text.substring(0, to).indexOf(pat, from);
            assertThat(Bytes.indexOf(b(text), from, to, b(pat)))
                    .as("%s in '%s' [%d, %d)", pat, text, from, to)
                    .isEqualTo(found);
            assertThat(Bytes.indexOf(b(text), from, to, (byte) ' '))
                    .isEqualTo(text.substring(0, to).indexOf(' ', from));
        }
    }

    @Test
    void theCharacterClassesAreTheAsciiOnes() {
        for (int c = 0; c < 256; c++) {
            byte v = (byte) c;
            boolean alnum = c < 128 && Character.isLetterOrDigit((char) c);
            assertThat(Bytes.is(v, Bytes.ALNUM)).as("%d", c).isEqualTo(alnum);
            assertThat(Bytes.is(v, Bytes.PROGRAM_END)).as("%d", c).isEqualTo(c == '[' || c == ':' || c == ' ');
        }
    }

    @Test
    void evidenceIsTheLineCutToItsLimitWithControlCharactersShown() {
        int max = LogAnalysis.LogLine.MAX_TEXT;
        String shortLine = "Oct  1 00:00:00 mail postfix/smtp[1]: A1: to=<a@b>, status=sent";
        assertThat(Bytes.evidenceText(b(shortLine), 0, shortLine.length())).isEqualTo(shortLine);
        String exact = "x".repeat(max);
        assertThat(Bytes.evidenceText(b(exact), 0, max)).isEqualTo(exact);
        String longLine = "y".repeat(max) + "z".repeat(5000);
        assertThat(Bytes.evidenceText(b(longLine), 0, longLine.length()))
                .isEqualTo("y".repeat(max - 1) + "…");
        byte[] inBuffer = b("ab" + longLine + "cd");
        assertThat(Bytes.evidenceText(inBuffer, 2, 2 + longLine.length())).isEqualTo("y".repeat(max - 1) + "…");
        // a control character becomes '?', a tab stays; UTF-8 is decoded and cut by characters
        assertThat(Bytes.evidenceText(b("a\u0001b\tc"), 0, 5)).isEqualTo("a?b\tc");
        byte[] utf8 = ("é".repeat(max + 10)).getBytes(StandardCharsets.UTF_8);
        assertThat(Bytes.evidenceText(utf8, 0, utf8.length)).isEqualTo("é".repeat(max - 1) + "…");
        byte[] fewChars = ("é".repeat(max - 10)).getBytes(StandardCharsets.UTF_8); // more bytes than max, fewer characters
        assertThat(Bytes.evidenceText(fewChars, 0, fewChars.length)).isEqualTo("é".repeat(max - 10));
    }

    @Test
    void readsADecimalNumberOrSaysThereIsNone() {
        byte[] s = b("size=40706, nrcpt=1 (queue active) x=");
        assertThat(Bytes.number(s, 5, s.length)).isEqualTo(40706);
        assertThat(Bytes.number(s, 18, s.length)).isEqualTo(1);
        assertThat(Bytes.number(s, 18, 18)).isEqualTo(-1); // nothing left in the range
        assertThat(Bytes.number(s, s.length - 1, s.length)).isEqualTo(-1);
        byte[] big = b("123456789012345678901234");
        assertThat(Bytes.number(big, 0, big.length)).isEqualTo(123456789012345678L); // at most 18 digits
    }
}

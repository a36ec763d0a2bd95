package org.mailmedic.engine.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MimeReader#quotedPrintable} replaced jakarta.mail's QPDecoderStream for speed; it must
 * decode what that stream decodes.
 */
class QuotedPrintableTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            caf=C3=A9                 | café
            soft=\\nbreak             | softbreak
            soft=\\r\\nbreak          | softbreak
            trailing   \\nspaces      | trailing\\nspaces
            inner   spaces            | inner   spaces
            lower=c3=a9               | loweré
            bad =ZZ stays             | bad =ZZ stays
            ends with =               | "ends with "
            """)
    void decodesTheUsualForms(String in, String want) {
        byte[] got = MimeReader.quotedPrintable(unescape(in).getBytes(StandardCharsets.ISO_8859_1), 1000);
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(unescape(want));
    }

    @Test
    void agreesWithJakartaMailOnRandomInput() throws IOException {
        Random rnd = new Random(20261127);
        String alphabet = "==  \r\n\tAF09afgz.=";
        for (int k = 0; k < 20_000; k++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(40);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            // the stream adds a 0xFF byte after a "=X" cut by the end of input: not worth copying
            b.append('\n');
            byte[] in = b.toString().getBytes(StandardCharsets.ISO_8859_1);
            assertThat(MimeReader.quotedPrintable(in, 1 << 20)).as("input %s", b.toString().replace("\r", "\\r")
                    .replace("\n", "\\n")).isEqualTo(jakarta(in));
        }
    }

    @Test
    void stopsAtTheLimit() {
        byte[] in = "=41=42=43=44".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MimeReader.quotedPrintable(in, 2)).containsExactly('A', 'B');
    }

    private static byte[] jakarta(byte[] in) throws IOException {
        try (InputStream s = StreamProvider.provider().inputQP(new ByteArrayInputStream(in))) {
            return s.readAllBytes();
        }
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}

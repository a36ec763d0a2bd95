package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecurringTextTest {

    @Test
    void aRecurringTextIsHandedOutAgain() {
        RecurringText cache = new RecurringText();
        byte[] line = "client=mail.example[192.0.2.7], client=mail.example[192.0.2.7]".getBytes(StandardCharsets.US_ASCII);
        String first = cache.text(line, 7, 30);
        assertThat(first).isEqualTo("mail.example[192.0.2.7]");
        assertThat(cache.text(line, 39, 62)).isSameAs(first);
    }

    @Test
    void alwaysEqualsBytesTextWhateverTheBytes() {
        RecurringText cache = new RecurringText();
        Random r = new Random(5);
        byte[][] pool = new byte[300][];
        for (int i = 0; i < pool.length; i++) {
            int n = r.nextInt(i % 10 == 0 ? 200 : 40); // some longer than what is kept, some empty
            pool[i] = new byte[n];
            for (int k = 0; k < n; k++) {
                pool[i][k] = (byte) (r.nextInt(8) == 0 ? 0x80 + r.nextInt(128) : 0x20 + r.nextInt(95)); // some not ASCII
            }
        }
        pool[1] = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
        pool[2] = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = pool[r.nextInt(pool.length)];
            int s = b.length == 0 ? 0 : r.nextInt(b.length);
            int e = s + (b.length == s ? 0 : r.nextInt(b.length - s + 1));
            assertThat(cache.text(b, s, e)).isEqualTo(Bytes.text(b, s, e));
        }
    }
}

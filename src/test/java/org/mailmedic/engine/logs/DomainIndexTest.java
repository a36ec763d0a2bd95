package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DomainIndexTest {

    @Test
    void findsADomainInsideAnAddressWithoutCuttingItOut() {
        DomainIndex<String> ix = new DomainIndex<>();
        ix.put("gmail.com", "G");
        ix.put("mail.example.co.uk.long-tail.example", "L");
        assertThat(ix.get("someone@gmail.com", 8)).isEqualTo("G");
        assertThat(ix.get("x@mail.example.co.uk.long-tail.example", 2)).isEqualTo("L");
        assertThat(ix.get("x@mail.example.co.uk.long-tail.exampl", 2)).isNull(); // one shorter
        assertThat(ix.get("x@mail.example.co.uk.long-tail.examplf", 2)).isNull(); // same length, last differs
        assertThat(ix.get("x@gmail.co", 2)).isNull();
    }

    @Test
    void domainsBeyondLatin1AreLeftToTheCallersMap() {
        DomainIndex<String> ix = new DomainIndex<>();
        ix.put("пример.рф", "R");
        assertThat(ix.get("a@пример.рф", 2)).isNull();
        assertThat(ix.size()).isZero();
        ix.put("exämple.de", "E"); // Latin-1 is fine
        assertThat(ix.get("a@exämple.de", 2)).isEqualTo("E");
    }

    @Test
    void agreesWithAHashMapWhileGrowing() {
        Random r = new Random(3);
        DomainIndex<Integer> ix = new DomainIndex<>();
        Map<String, Integer> map = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String d;
            if (!names.isEmpty() && r.nextInt(3) == 0) {
                d = names.get(r.nextInt(names.size()));
            } else {
                // shared 16-character prefixes and tails, so that only the tail tells them apart
                d = (r.nextBoolean() ? "mx-shared-prefix" : "d") + r.nextInt(5_000) + (r.nextBoolean() ? ".example" : ".ex");
                names.add(d);
            }
            Integer want = map.get(d);
            assertThat(ix.get("u@" + d, 2)).as(d).isEqualTo(want);
            if (want == null) {
                map.put(d, i);
                ix.put(d, i);
            }
        }
        assertThat(ix.size()).isEqualTo(map.size());
        map.forEach((d, v) -> assertThat(ix.get("postmaster@" + d, 11)).isEqualTo(v));
    }
}

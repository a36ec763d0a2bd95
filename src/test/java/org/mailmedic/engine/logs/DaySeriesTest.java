package org.mailmedic.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DaySeriesTest {

    @Test
    void keepsDaysSortedWhateverOrderTheyCome() {
        DaySeries s = new DaySeries(2);
        s.row(20_000)[0]++;
        s.row(20_002)[1] += 5;
        s.row(19_990)[0]++; // an older file read after a newer one
        s.row(20_001)[0]++;
        s.row(20_002)[0]++;
        s.row(20_000)[1]++;
        assertThat(days(s)).containsExactly(19_990L, 20_000L, 20_001L, 20_002L);
        assertThat(s.counts(1)).containsExactly(1, 1);
        assertThat(s.counts(3)).containsExactly(1, 5);
    }

    @Test
    void agreesWithATreeMapOnRandomDays() {
        Random r = new Random(7);
        DaySeries s = new DaySeries(1);
        TreeMap<Long, long[]> t = new TreeMap<>();
        long day = 20_000;
        for (int i = 0; i < 100_000; i++) {
            day += r.nextInt(50) == 0 ? 1 : 0; // mostly in order, as a log is
            long d = r.nextInt(200) == 0 ? day - r.nextInt(400) : day; // sometimes an older day
            s.row(d)[0]++;
            t.computeIfAbsent(d, k -> new long[1])[0]++;
        }
        assertThat(days(s)).containsExactlyElementsOf(t.keySet());
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.counts(i)[0]).isEqualTo(t.get(s.day(i))[0]);
        }
    }

    private static List<Long> days(DaySeries s) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.day(i));
        }
        return out;
    }
}

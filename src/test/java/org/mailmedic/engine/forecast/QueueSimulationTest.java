package org.mailmedic.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QueueSimulationTest {

    @Test
    void arrivalsFollowTheExpectedCountAndTheHourProfile() {
        double[] flat = new double[24];
        Arrays.fill(flat, 1.0 / 24);
        long[] a = QueueSimulation.arrivals(70, flat, 2);
        assertThat(a).hasSize(140).isSorted();
        // The k-th message arrives where the expected count reaches k + 1/2: every 24/70 h.
        assertThat(a[0]).isEqualTo(Math.round(0.5 * 86_400 / 70 - 0.5));
        double[] business = new double[24];
        for (int h = 9; h < 17; h++) {
            business[h] = 1.0 / 8;
        }
        long[] b = QueueSimulation.arrivals(80, business, 1);
        assertThat(b).hasSize(80);
        assertThat(Arrays.stream(b).boxed()).allSatisfy(t -> assertThat(t / 3_600).isBetween(9L, 16L));
        // Fractional rates keep their total: 0.5 a day for 10 days is 5 messages.
        assertThat(QueueSimulation.arrivals(0.5, flat, 10)).hasSize(5);
    }

    @Test
    void quickselectPutsTheKSmallestFirst() {
        SplittableRandom r = new SplittableRandom(1);
        for (int round = 0; round < 200; round++) {
            int n = 1 + r.nextInt(300);
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(50);
            }
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = r.nextInt(n + 1);
            QueueSimulation.select(a, n, k);
            long[] head = Arrays.copyOf(a, k);
            Arrays.sort(head);
            assertThat(head).isEqualTo(Arrays.copyOf(sorted, k));
        }
    }

    @Test
    void samplingGivesDistinctSortedIndices() {
        SplittableRandom r = new SplittableRandom(2);
        int[] out = new int[100];
        for (int n : new int[] {1, 5, 40, 1_000}) {
            for (int k = 0; k <= Math.min(n, 100); k += Math.max(1, n / 7)) {
                QueueSimulation.sample(r, n, k, out);
                int[] got = Arrays.copyOf(out, k);
                assertThat(got).isSorted().doesNotHaveDuplicates();
                assertThat(Arrays.stream(got).boxed()).allSatisfy(i -> assertThat(i).isBetween(0, n - 1));
            }
        }
    }

    @Test
    void mergingSortedListsKeepsOrderWhicheverWayTheyOverlap() {
        QueueSimulation.LongList a = list(1, 3, 5, 7);
        QueueSimulation.LongList b = list(2, 3, 8);
        QueueSimulation.LongList m = QueueSimulation.merge(a, b);
        assertThat(Arrays.copyOfRange(m.items, m.start, m.end)).containsExactly(1, 2, 3, 3, 5, 7, 8);
        QueueSimulation.LongList older = list(1, 2);
        older.start = 1;
        QueueSimulation.LongList m2 = QueueSimulation.merge(older, list(4, 5));
        assertThat(Arrays.copyOfRange(m2.items, m2.start, m2.end)).containsExactly(2, 4, 5);
        QueueSimulation.LongList m3 = QueueSimulation.merge(list(9), list(4, 5));
        assertThat(Arrays.copyOfRange(m3.items, m3.start, m3.end)).containsExactly(4, 5, 9);
        QueueSimulation.LongList s = list();
        for (long v : new long[] {5, 6, 4, 7}) {
            s.addSorted(v);
        }
        assertThat(Arrays.copyOfRange(s.items, s.start, s.end)).containsExactly(4, 5, 6, 7);
    }

    private static QueueSimulation.LongList list(long... v) {
        QueueSimulation.LongList l = new QueueSimulation.LongList();
        for (long x : v) {
            l.add(x);
        }
        return l;
    }
}

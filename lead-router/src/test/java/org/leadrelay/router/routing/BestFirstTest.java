package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The lazy order is the full order whichever ranks are read first: totals with many ties, tie-breaks
 * equal in the packed bits, totals too large to pack, lists shorter and longer than the first part.
 */
class BestFirstTest {

    @Test
    void anOrderReadInAnyWayIsTheFullOrder() {
        Random random = new Random(20261123L);
        for (int round = 0; round < 400; round++) {
            int size = random.nextInt(round % 4 == 0 ? 20 : 400);
            double scale = round % 10 == 0 ? 1_000_000 : 100;
            double[] totals = new double[size];
            long[] tieBreaks = new long[size];
            long[] ids = new long[size];
            for (int i = 0; i < size; i++) {
                // to the cent, as decisions round them (never -0.0)
                totals[i] = Wording.points(random.nextInt(40) * scale / 4000 * (random.nextInt(8) == 0 ? -1 : 1));
                // a few tie-breaks share their first 24 bits, which the packed keys hold
                tieBreaks[i] = random.nextInt(5) == 0 ? 0x1234_56L << 40 | random.nextInt(1000) : random.nextLong();
                ids[i] = random.nextLong();
            }
            Comparator<Integer> inFull = (a, b) -> {
                int byTotal = Double.compare(totals[b], totals[a]);
                int byTie = Long.compare(tieBreaks[a], tieBreaks[b]);
                return byTotal != 0 ? byTotal : byTie != 0 ? byTie : Long.compare(ids[a], ids[b]);
            };
            List<Integer> expected = IntStream.range(0, size).boxed().sorted(inFull).toList();

            BestFirst order = new BestFirst(totals, tieBreaks, inFull);
            List<Integer> read = new ArrayList<>();
            int firstRead = size == 0 ? 0 : random.nextInt(3) == 0 ? random.nextInt(size) : 0;
            if (size > 0) {
                assertThat(order.at(firstRead)).as("round %d, rank %d read first", round, firstRead).isEqualTo(expected.get(firstRead));
            }
            for (int rank = 0; rank < size; rank++) {
                read.add(order.at(rank));
            }

            assertThat(read).as("round %d", round).isEqualTo(expected);
        }
    }
}

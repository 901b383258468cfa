package org.leadrelay.router.routing;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The eligible partners' positions, best first: by total, then by tie-break, then by id; put in
 * order only as far as they are read. The router reads the first few of what may be a thousand
 * (the chosen partner and its fallbacks), so the first {@value #FIRST} are picked out and sorted
 * alone, and the rest only when one of them is read.
 *
 * <p>Sorted as numbers: the total in cents, the tie-break's first 24 bits and the position packed
 * in one long, several times cheaper than sorting objects. The rare runs the packing cannot tell
 * apart are then ordered in full, and totals too large to pack are sorted in full at once.
 * Thread-safe.
 */
final class BestFirst {

    /** How many positions are put in order first. */
    static final int FIRST = 16;
    /** The packed keys hold totals of ±2,621.44 points: 19 bits of cents. */
    private static final long MAX_CENTS = (1L << 19) - 1;
    private static final int POSITION_BITS = 20;
    private static final long POSITION = (1L << POSITION_BITS) - 1;

    private final Comparator<Integer> inFull;
    private final int size;
    /** The packed keys, null when the totals do not fit them; {@code keys[0, ready)} are in their final order. */
    private final long[] keys;
    private final int[] order;
    private int ready;

    /**
     * @param totals    each eligible partner's total, by position
     * @param tieBreaks each one's tie-break, by position
     * @param inFull    the full order of two positions, for what the packed keys cannot tell apart
     */
    BestFirst(double[] totals, long[] tieBreaks, Comparator<Integer> inFull) {
        this.inFull = inFull;
        this.size = totals.length;
        this.order = new int[size];
        long[] packed = new long[size];
        boolean packable = size <= POSITION;
        for (int i = 0; i < size && packable; i++) {
            long below = (1L << 18) - 1 - Math.round(totals[i] * 100);
            packable = below >= 0 && below <= MAX_CENTS;
            packed[i] = below << 44 | ((tieBreaks[i] ^ Long.MIN_VALUE) >>> 40) << POSITION_BITS | i;
        }
        if (packable) {
            keys = packed;
        } else {
            keys = null;
            Integer[] boxed = new Integer[size];
            for (int i = 0; i < size; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, inFull);
            for (int i = 0; i < size; i++) {
                order[i] = boxed[i];
            }
            ready = size;
        }
    }

    int size() {
        return size;
    }

    /** The position of the partner ranked {@code rank} (0 for the best). */
    synchronized int at(int rank) {
        if (rank >= ready) {
            if (ready == 0 && rank < FIRST && size > 4 * FIRST) {
                sortFirst();
            } else {
                sort(ready, size);
            }
        }
        return order[rank];
    }

    /**
     * Moves to the front the keys up to the {@value #FIRST}-th smallest, with every key it cannot be
     * told apart from by packing, and puts them in order: a run of equal packed totals and
     * tie-breaks never straddles the front and the rest.
     */
    private void sortFirst() {
        long bound = (smallest(keys, FIRST) >>> POSITION_BITS) << POSITION_BITS | POSITION;
        int front = 0;
        for (int i = 0; i < size; i++) {
            if (keys[i] <= bound) {
                long key = keys[i];
                keys[i] = keys[front];
                keys[front++] = key;
            }
        }
        sort(0, front);
    }

    /** Puts {@code keys[from, to)} in order, and the positions they hold in {@code order}. */
    private void sort(int from, int to) {
        Arrays.sort(keys, from, to);
        for (int i = from; i < to; i++) {
            order[i] = (int) (keys[i] & POSITION);
        }
        for (int start = from; start < to; ) {
            int end = start + 1;
            while (end < to && keys[end] >>> POSITION_BITS == keys[start] >>> POSITION_BITS) {
                end++;
            }
            if (end - start > 1) {
                Integer[] run = new Integer[end - start];
                for (int i = start; i < end; i++) {
                    run[i - start] = order[i];
                }
                Arrays.sort(run, inFull);
                for (int i = start; i < end; i++) {
                    order[i] = run[i - start];
                }
            }
            start = end;
        }
        ready = to;
    }

    /** The {@code rank}-th smallest of the numbers (1 for the smallest), keeping only the smallest {@code rank} seen. */
    static long smallest(long[] numbers, int rank) {
        long[] kept = new long[rank];
        int size = 0;
        for (long number : numbers) {
            if (size == rank && number >= kept[rank - 1]) {
                continue;
            }
            int at = size == rank ? rank - 1 : size++;
            while (at > 0 && kept[at - 1] > number) {
                kept[at] = kept[at - 1];
                at--;
            }
            kept[at] = number;
        }
        return kept[rank - 1];
    }
}

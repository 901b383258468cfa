package org.leadrelay.router.routing;

import java.util.function.IntPredicate;

/** Sets of partners of a {@link PartnerIndex} as bits, one per partner number, 64 to a word. */
final class Bits {

    private Bits() {
    }

    static long[] of(int size) {
        return new long[(size + 63) >>> 6];
    }

    static boolean has(long[] bits, int ordinal) {
        return (bits[ordinal >>> 6] & (1L << ordinal)) != 0;
    }

    static void set(long[] bits, int ordinal) {
        bits[ordinal >>> 6] |= 1L << ordinal;
    }

    /** Sets the bit; false when it was set already. */
    static boolean add(long[] bits, int ordinal) {
        long bit = 1L << ordinal;
        long word = bits[ordinal >>> 6];
        bits[ordinal >>> 6] = word | bit;
        return (word & bit) == 0;
    }

    static int count(long[] bits) {
        int count = 0;
        for (long word : bits) {
            count += Long.bitCount(word);
        }
        return count;
    }

    /** Moves from {@code remaining} into a new set the partners not in {@code kept} (null: none kept). */
    static long[] removeAllBut(long[] remaining, long[] kept) {
        long[] removed = new long[remaining.length];
        for (int i = 0; i < remaining.length; i++) {
            long out = kept == null ? remaining[i] : remaining[i] & ~kept[i];
            removed[i] = out;
            remaining[i] &= ~out;
        }
        return removed;
    }

    /**
     * Moves from {@code remaining} into a new set the partners that fail the test, testing only
     * those also in {@code suspects} (null: all of them); the others stay.
     */
    static long[] removeFailing(long[] remaining, long[] suspects, IntPredicate fails) {
        long[] removed = new long[remaining.length];
        for (int i = 0; i < remaining.length; i++) {
            for (long bits = suspects == null ? remaining[i] : remaining[i] & suspects[i]; bits != 0; bits &= bits - 1) {
                int ordinal = (i << 6) + Long.numberOfTrailingZeros(bits);
                if (fails.test(ordinal)) {
                    removed[i] |= 1L << ordinal;
                }
            }
            remaining[i] &= ~removed[i];
        }
        return removed;
    }

    /** The union of the sets, null ones left out; a new set of {@code words} words. */
    static long[] union(int words, long[]... sets) {
        long[] union = new long[words];
        for (long[] set : sets) {
            if (set != null) {
                for (int i = 0; i < words; i++) {
                    union[i] |= set[i];
                }
            }
        }
        return union;
    }
}

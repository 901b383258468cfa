package org.leadrelay.console.flow;

/**
 * Durations counted in buckets that grow by a quarter each (1 ms, 1.25 ms, 1.56 ms, ... up to about
 * two days), so a minute's latencies are a few dozen counters however many leads it saw, minutes
 * add up by adding counters, and a percentile read from them is within a quarter of the truth.
 */
public final class LatencyBuckets {

    public static final int COUNT = 96;
    private static final double GROWTH = 1.25;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private LatencyBuckets() {
    }

    /** The bucket of a duration in milliseconds: bucket 0 holds everything up to 1 ms. */
    public static int of(long millis) {
        if (millis <= 1) {
            return 0;
        }
        return (int) Math.min(COUNT - 1, Math.floor(Math.log(millis) / LOG_GROWTH) + 1);
    }

    /** The largest duration a bucket holds, in milliseconds. */
    public static double upperBound(int bucket) {
        return Math.pow(GROWTH, bucket);
    }

    /**
     * The {@code quantile} (0.5 for the median) of the durations counted, as the upper bound of the
     * bucket it falls in; NaN when nothing was counted.
     */
    public static double quantile(long[] counts, double quantile) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            seen += counts[bucket];
            if (seen >= Math.max(1, rank)) {
                return upperBound(bucket);
            }
        }
        return upperBound(counts.length - 1);
    }
}

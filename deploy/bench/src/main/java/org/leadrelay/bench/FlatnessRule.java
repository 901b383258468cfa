package org.leadrelay.bench;

import java.util.List;

/**
 * When a soak calls a figure flat. Only the second half of a phase's samples is judged, so what a
 * process does while settling in (the heap growing to its working size, pools filling) is left out.
 * <ul>
 * <li>memory (resident memory, heap after GC): the least-squares trend over the second half is within
 * ±5 % of its mean there, per hour;</li>
 * <li>counts (open files, threads): between the second half's lowest and highest sample they move by at
 * most 10, or by 5 % of their mean there when that is more. A count is a small whole number that pools move
 * up and down by a few; its trend over a few dozen noisy samples is itself noisy.</li>
 * </ul>
 * A verdict needs at least 3 samples in the second half, so 6 in the phase.
 */
final class FlatnessRule {

    static final double MEMORY_TREND_PER_HOUR = 0.05;
    static final double COUNT_RANGE = 10;
    static final double COUNT_RANGE_OF_MEAN = 0.05;
    static final int FEWEST_SAMPLES = 6;

    /** What a figure did over the second half. */
    enum Verdict {
        FLAT("flat"),
        NOT_FLAT("**not flat**"),
        TOO_FEW_SAMPLES("too few samples"),
        /** Heap after GC only changes when the old generation is collected: if it never was, nothing can be said. */
        NO_OLD_GC("no old-generation GC in the second half");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    private FlatnessRule() {
    }

    /** The later half of the samples, the middle one included when their number is odd. */
    static List<Trend.Point> secondHalf(List<Trend.Point> points) {
        return points.subList(points.size() / 2, points.size());
    }

    static Verdict judge(FootprintFigure figure, List<Trend.Point> points) {
        if (points.size() < FEWEST_SAMPLES) {
            return Verdict.TOO_FEW_SAMPLES;
        }
        List<Trend.Point> half = secondHalf(points);
        double mean = half.stream().mapToDouble(Trend.Point::value).average().orElseThrow();
        double min = half.stream().mapToDouble(Trend.Point::value).min().orElseThrow();
        double max = half.stream().mapToDouble(Trend.Point::value).max().orElseThrow();
        if (figure == FootprintFigure.HEAP_AFTER_GC && min == max) {
            return Verdict.NO_OLD_GC;
        }
        boolean flat = figure.memory()
                ? Math.abs(Trend.perHour(half)) <= MEMORY_TREND_PER_HOUR * mean
                : max - min <= Math.max(COUNT_RANGE, COUNT_RANGE_OF_MEAN * mean);
        return flat ? Verdict.FLAT : Verdict.NOT_FLAT;
    }
}

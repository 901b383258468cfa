package org.leadrelay.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One process's figure over a phase: first, last, lowest and highest sample, then what the second
 * half says (mean, least-squares trend per hour, max − min) and the verdict of {@link FlatnessRule}.
 *
 * @param samples how many samples had the figure
 */
record FootprintSummary(String process, FootprintFigure figure, int samples, double first, double last, double min, double max,
        double halfMean, double halfTrendPerHour, double halfRange, FlatnessRule.Verdict verdict) {

    FootprintSummary {
        Objects.requireNonNull(process);
        Objects.requireNonNull(figure);
        Objects.requireNonNull(verdict);
    }

    /** A row per process and figure, processes in the order they were sampled; a figure no sample had is left out. */
    static List<FootprintSummary> of(List<FootprintSample> samples) {
        Map<String, List<FootprintSample>> byProcess = samples.stream()
                .collect(Collectors.groupingBy(FootprintSample::process, LinkedHashMap::new, Collectors.toList()));
        List<FootprintSummary> rows = new ArrayList<>();
        byProcess.forEach((process, own) -> {
            for (FootprintFigure figure : FootprintFigure.values()) {
                List<Trend.Point> points = own.stream()
                        .filter(sample -> figure.of(sample.footprint()) != null)
                        .map(sample -> new Trend.Point(sample.hours(), figure.of(sample.footprint())))
                        .toList();
                if (!points.isEmpty()) {
                    rows.add(of(process, figure, points));
                }
            }
        });
        return rows;
    }

    static FootprintSummary of(String process, FootprintFigure figure, List<Trend.Point> points) {
        List<Trend.Point> half = FlatnessRule.secondHalf(points);
        double halfMin = half.stream().mapToDouble(Trend.Point::value).min().orElseThrow();
        double halfMax = half.stream().mapToDouble(Trend.Point::value).max().orElseThrow();
        boolean enough = points.size() >= FlatnessRule.FEWEST_SAMPLES;
        return new FootprintSummary(process, figure, points.size(), points.get(0).value(), points.get(points.size() - 1).value(),
                points.stream().mapToDouble(Trend.Point::value).min().orElseThrow(),
                points.stream().mapToDouble(Trend.Point::value).max().orElseThrow(),
                half.stream().mapToDouble(Trend.Point::value).average().orElseThrow(),
                enough ? Trend.perHour(half) : Double.NaN, halfMax - halfMin, FlatnessRule.judge(figure, points));
    }

    /** The phase's verdicts in one line for the console: all flat, or which are not, or why there is no verdict. */
    static String verdictLine(List<FootprintSummary> rows) {
        if (rows.isEmpty()) {
            return "no process could be read";
        }
        int rounds = rows.stream().mapToInt(FootprintSummary::samples).max().orElse(0);
        if (rows.stream().allMatch(row -> row.verdict() == FlatnessRule.Verdict.TOO_FEW_SAMPLES)) {
            return String.format(Locale.ROOT, "%d samples a process, too few for a verdict (%d needed)", rounds, FlatnessRule.FEWEST_SAMPLES);
        }
        String notFlat = rows.stream().filter(row -> row.verdict() == FlatnessRule.Verdict.NOT_FLAT)
                .map(row -> row.process() + " " + row.figure().label()).collect(Collectors.joining(", "));
        String undecided = rows.stream()
                .filter(row -> row.verdict() == FlatnessRule.Verdict.TOO_FEW_SAMPLES || row.verdict() == FlatnessRule.Verdict.NO_OLD_GC)
                .map(row -> row.process() + " " + row.figure().label() + " (" + row.verdict().text() + ")")
                .collect(Collectors.joining(", "));
        return rounds + " samples a process; " + (notFlat.isEmpty() ? "every judged figure flat" : "not flat: " + notFlat)
                + (undecided.isEmpty() ? "" : "; no verdict: " + undecided);
    }
}

package org.leadrelay.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The run's results as markdown: a summary row per rate, then per-stage times, CPU per lead and the
 * footprint of each process for each.
 */
final class ResultsReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * What the results heading says of the run.
     *
     * @param history     leads of history preloaded by this run before measuring (0: none by this run)
     * @param sampleEvery how often the footprint was sampled
     */
    record RunInfo(String run, Instant started, String arguments, String label, long history, int partnerCapacity, int cores,
            String javaVersion, Duration sampleEvery) {
    }

    private ResultsReport() {
    }

    static String markdown(RunInfo info, List<PhaseResult> phases) {
        StringBuilder out = new StringBuilder();
        out.append("## Bench run ").append(info.run()).append(", ").append(WHEN.format(info.started()));
        if (info.label() != null && !info.label().isBlank()) {
            out.append(": ").append(info.label());
        }
        out.append("\n\n");
        out.append("`./leadrelay bench").append(info.arguments().isEmpty() ? "" : " " + info.arguments()).append("`; ")
                .append(info.cores()).append(" cores, Java ").append(info.javaVersion()).append("; ")
                .append(info.history() > 0 ? String.format(Locale.ROOT, "%,d leads of history preloaded first", info.history())
                        : "no history preloaded by this run")
                .append("; bench partners of capacity ").append(info.partnerCapacity()).append(".\n\n");
        out.append("Latency in ms from each lead's intended send time.\n\n");
        out.append("| rate | sent/s | posted | 202 | webhooks | refused | unroutable | delivered/s | post → 202 p50 / p90 / p99 / max "
                + "| post → webhook p50 / p90 / p99 / max |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (PhaseResult phase : phases) {
            out.append("| ").append(phase.spec().rateLabel())
                    .append(" | ").append(number(phase.sentPerSecond()))
                    .append(" | ").append(count(phase.posted()))
                    .append(" | ").append(count(phase.accepted()))
                    .append(" | ").append(count(phase.delivered()))
                    .append(" | ").append(refused(phase))
                    .append(" | ").append(count(phase.unroutable()))
                    .append(" | ").append(number(phase.deliveredPerSecond()))
                    .append(" | ").append(spread(phase.stages().of(Stage.POST_TO_ANSWER)))
                    .append(" | ").append(spread(phase.stages().of(Stage.POST_TO_WEBHOOK)))
                    .append(" |\n");
        }
        for (PhaseResult phase : phases) {
            out.append("\n### ").append(phase.spec().rateLabel()).append(": per stage (ms)\n\n");
            out.append("| stage | leads | p50 | p90 | p99 | max |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
            for (Stage stage : Stage.values()) {
                Percentiles p = phase.stages().of(stage);
                out.append("| ").append(stage.label()).append(" | ").append(count(p.count())).append(" | ").append(ms(p.p50()))
                        .append(" | ").append(ms(p.p90())).append(" | ").append(ms(p.p99())).append(" | ").append(ms(p.max())).append(" |\n");
            }
            out.append(String.format(Locale.ROOT, "%n%s: CPU per lead over %.1f s (posting, then draining every webhook and event; "
                    + "%,d leads)%n%n", phase.spec().rateLabel(), phase.windowSeconds(), phase.accepted()));
            out.append("| process | CPU ms per lead | CPU s | share of ").append(info.cores()).append(" cores |\n| --- | ---: | ---: | ---: |\n");
            double total = 0;
            double totalSeconds = 0;
            double totalShare = 0;
            for (StackProcesses.CpuUse use : phase.cpu()) {
                out.append("| ").append(use.process()).append(" | ").append(number(use.msPerLead())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", use.seconds())).append(" | ").append(percent(use.share())).append(" |\n");
                if (!use.process().equals(StackProcesses.BENCH)) {
                    total += use.msPerLead();
                    totalSeconds += use.seconds();
                    totalShare += use.share();
                }
            }
            out.append("| **stack, all processes** | **").append(number(total)).append("** | **")
                    .append(String.format(Locale.ROOT, "%.1f", totalSeconds)).append("** | **").append(percent(totalShare)).append("** |\n");
            footprint(out, info, phase);
        }
        return out.toString();
    }

    private static void footprint(StringBuilder out, RunInfo info, PhaseResult phase) {
        List<FootprintSummary> rows = FootprintSummary.of(phase.footprint());
        if (rows.isEmpty()) {
            return;
        }
        int rounds = rows.stream().mapToInt(FootprintSummary::samples).max().orElse(0);
        out.append("\n").append(phase.spec().rateLabel()).append(": footprint of each process, sampled every ").append(every(info.sampleEvery()))
                .append(" from the phase's start until it was drained (").append(rounds).append(" samples; all in soak-")
                .append(info.run()).append(".csv)\n\n");
        out.append(String.format(Locale.ROOT, "Judged on the second half of the samples: memory is flat when its least-squares trend "
                + "is within ±%.0f %% of its mean per hour; open files and threads when max − min is at most %.0f, or %.0f %% of "
                + "their mean if more. A verdict needs %d samples.%n%n", FlatnessRule.MEMORY_TREND_PER_HOUR * 100,
                FlatnessRule.COUNT_RANGE, FlatnessRule.COUNT_RANGE_OF_MEAN * 100, FlatnessRule.FEWEST_SAMPLES));
        out.append("| process | figure | first | last | min | max | 2nd half: mean | 2nd half: trend per hour | 2nd half: max − min "
                + "| verdict |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (FootprintSummary row : rows) {
            boolean memory = row.figure().memory();
            String trend = Double.isNaN(row.halfTrendPerHour()) ? "–"
                    : signed(row.halfTrendPerHour()) + (memory && row.halfMean() > 0
                            ? String.format(Locale.ROOT, " (%+.1f %%)", row.halfTrendPerHour() / row.halfMean() * 100) : "");
            out.append("| ").append(row.process()).append(" | ").append(row.figure().label())
                    .append(" | ").append(figure(row.first(), memory)).append(" | ").append(figure(row.last(), memory))
                    .append(" | ").append(figure(row.min(), memory)).append(" | ").append(figure(row.max(), memory))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", row.halfMean()))
                    .append(" | ").append(trend)
                    .append(" | ").append(figure(row.halfRange(), memory))
                    .append(" | ").append(row.verdict().text()).append(" |\n");
        }
    }

    /** {@code 1 min}, {@code 30 s}, {@code 1.5 s}. */
    static String every(Duration interval) {
        if (interval.toSeconds() >= 60 && interval.toSeconds() % 60 == 0 && interval.toNanosPart() == 0) {
            return interval.toMinutes() + " min";
        }
        double seconds = interval.toMillis() / 1000.0;
        return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds)) + " s";
    }

    private static String figure(double value, boolean memory) {
        return memory ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.1f", value);
    }

    private static String refused(PhaseResult phase) {
        if (phase.refused().isEmpty()) {
            return "0";
        }
        return count(phase.refusedCount()) + " (" + phase.refused().entrySet().stream()
                .map(entry -> entry.getKey() + ": " + count(entry.getValue())).collect(Collectors.joining(", ")) + ")";
    }

    static String spread(Percentiles p) {
        if (p.count() == 0) {
            return "–";
        }
        return ms(p.p50()) + " / " + ms(p.p90()) + " / " + ms(p.p99()) + " / " + ms(p.max());
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "–" : value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}

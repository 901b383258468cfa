package org.leadrelay.bench;

import java.util.List;
import java.util.Locale;

/**
 * Every footprint sample of a run as CSV ({@code soak-<run>.csv}), a row per process and round, for a
 * closer look or a plot. Memory in kB as {@code /proc} gives it; an empty heap cell means not known.
 */
final class FootprintCsv {

    static final String HEADER = "phase,process,pid,time,elapsed_s,rss_kb,open_files,threads,heap_after_gc_kb";

    private FootprintCsv() {
    }

    static String of(List<PhaseResult> phases) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (PhaseResult phase : phases) {
            for (FootprintSample sample : phase.footprint()) {
                Footprint footprint = sample.footprint();
                csv.append(cell(phase.spec().rateLabel())).append(',')
                        .append(cell(sample.process())).append(',')
                        .append(sample.pid()).append(',')
                        .append(sample.at()).append(',')
                        .append(String.format(Locale.ROOT, "%.1f", sample.hours() * 3600)).append(',')
                        .append(footprint.rssKb()).append(',')
                        .append(footprint.openFiles()).append(',')
                        .append(footprint.threads()).append(',')
                        .append(footprint.heapAfterGcKb() == null ? "" : footprint.heapAfterGcKb())
                        .append('\n');
            }
        }
        return csv.toString();
    }

    /** Quoted when it holds a comma or a quote (the launcher's name does), quotes doubled (RFC 4180). */
    static String cell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}

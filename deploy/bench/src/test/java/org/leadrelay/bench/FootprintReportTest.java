package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FootprintReportTest {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void summarisesEachProcessFigureFirstLastMinMaxAndTheSecondHalf() {
        List<FootprintSample> samples = soak(61);

        List<FootprintSummary> rows = FootprintSummary.of(samples);

        assertThat(rows).extracting(row -> row.process() + " " + row.figure().label()).containsExactly(
                StackProcesses.LAUNCHER + " resident memory (MB)", StackProcesses.LAUNCHER + " open files",
                StackProcesses.LAUNCHER + " threads",
                "lead-router resident memory (MB)", "lead-router heap after GC (MB)", "lead-router open files", "lead-router threads");
        FootprintSummary routerRss = rows.get(3);
        assertThat(routerRss.samples()).isEqualTo(61);
        assertThat(routerRss.first()).isEqualTo(200.0);
        assertThat(routerRss.last()).isEqualTo(260.0);
        assertThat(routerRss.min()).isEqualTo(200.0);
        assertThat(routerRss.max()).isEqualTo(260.0);
        assertThat(routerRss.halfMean()).isEqualTo(245.0);
        assertThat(routerRss.halfTrendPerHour()).isEqualTo(60.0, within(1e-6));
        assertThat(routerRss.verdict()).isEqualTo(FlatnessRule.Verdict.NOT_FLAT);
        assertThat(rows.get(0).verdict()).isEqualTo(FlatnessRule.Verdict.FLAT);
        FootprintSummary heap = rows.get(4);
        assertThat(heap.samples()).as("unknown before the first old-generation GC").isEqualTo(51);
        assertThat(heap.first()).isEqualTo(40.0);
    }

    @Test
    void theConsoleLineNamesWhatIsNotFlat() {
        assertThat(FootprintSummary.verdictLine(FootprintSummary.of(soak(61))))
                .isEqualTo("61 samples a process; not flat: lead-router resident memory (MB)");
        assertThat(FootprintSummary.verdictLine(FootprintSummary.of(soak(2))))
                .isEqualTo("2 samples a process, too few for a verdict (6 needed)");
    }

    @Test
    void everySampleGoesToTheCsvWithTheLaunchersNameQuoted() {
        String csv = FootprintCsv.of(List.of(phase(soak(3))));

        assertThat(csv.lines()).hasSize(1 + 6).first().isEqualTo(FootprintCsv.HEADER);
        assertThat(csv.lines()).contains(
                "50 leads/s,\"launcher (Kafka, MongoDB, SMTP)\",100,2026-12-06T10:00:00Z,0.0,512000,300,90,",
                "50 leads/s,lead-router,101,2026-12-06T10:02:00Z,120.0,206848,120,60,");
    }

    @Test
    void theMarkdownHasAFootprintTableWithTheRuleAndTheVerdicts() {
        ResultsReport.RunInfo info = new ResultsReport.RunInfo("abc123", START, "--soak", null, 0, 200, 2, "17", Duration.ofMinutes(1));

        String markdown = ResultsReport.markdown(info, List.of(phase(soak(61))));

        assertThat(markdown)
                .contains("50 leads/s: footprint of each process, sampled every 1 min from the phase's start until it was drained "
                        + "(61 samples; all in soak-abc123.csv)")
                .contains("memory is flat when its least-squares trend is within ±5 % of its mean per hour; open files and threads "
                        + "when max − min is at most 10, or 5 % of their mean if more. A verdict needs 6 samples.")
                .contains("| lead-router | resident memory (MB) | 200.0 | 260.0 | 200.0 | 260.0 | 245.0 | +60.0 (+24.5 %) | 30.0 | **not flat** |")
                .contains("| lead-router | threads | 60 | 60 | 60 | 60 | 60.0 | +0.0 | 0 | flat |");
    }

    @Test
    void sampleIntervalsReadAsMinutesOrSeconds() {
        assertThat(ResultsReport.every(Duration.ofMinutes(1))).isEqualTo("1 min");
        assertThat(ResultsReport.every(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(ResultsReport.every(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }

    /**
     * One sample a minute: the launcher steady; lead-router's resident memory climbing 1 MB a minute, its heap after GC
     * unknown for ten minutes, then steady.
     */
    private static List<FootprintSample> soak(int minutes) {
        List<FootprintSample> samples = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            Instant at = START.plus(Duration.ofMinutes(minute));
            double hours = minute / 60.0;
            samples.add(new FootprintSample(StackProcesses.LAUNCHER, 100, at, hours, new Footprint(512_000, 300, 90, null)));
            samples.add(new FootprintSample("lead-router", 101, at, hours,
                    new Footprint((200 + minute) * 1024L, 120, 60, minute < 10 ? null : 40 * 1024L + (minute % 2) * 512)));
        }
        return samples;
    }

    private static PhaseResult phase(List<FootprintSample> footprint) {
        return new PhaseResult(new PhaseSpec("50 leads/s", 50, 16, Duration.ofMinutes(60), null), 180_000, 180_000, Map.of(),
                180_000, 0, 0, 3600, 3601, 3602, new StageHistograms(), List.of(), footprint);
    }
}

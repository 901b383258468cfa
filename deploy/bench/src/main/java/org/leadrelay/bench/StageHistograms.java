package org.leadrelay.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** One HdrHistogram per {@link Stage}, in microseconds, three significant digits, up to an hour. */
final class StageHistograms {

    private static final long HIGHEST = TimeUnit.HOURS.toMicros(1);

    private final Map<Stage, Histogram> histograms = new EnumMap<>(Stage.class);

    StageHistograms() {
        for (Stage stage : Stage.values()) {
            histograms.put(stage, new Histogram(HIGHEST, 3));
        }
    }

    void add(Timeline timeline) {
        histograms.forEach((stage, histogram) -> stage.micros(timeline)
                .ifPresent(micros -> histogram.recordValue(Math.min(micros, HIGHEST))));
    }

    Percentiles of(Stage stage) {
        return Percentiles.of(histograms.get(stage));
    }

    Histogram histogram(Stage stage) {
        return histograms.get(stage);
    }
}

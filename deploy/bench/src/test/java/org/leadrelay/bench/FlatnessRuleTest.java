package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class FlatnessRuleTest {

    @Test
    void theTrendOfAStraightLineIsItsSlopePerHour() {
        List<Trend.Point> points = List.of(new Trend.Point(0, 100), new Trend.Point(0.5, 110), new Trend.Point(1, 120));

        assertThat(Trend.perHour(points)).isCloseTo(20, within(1e-9));
    }

    @Test
    void theTrendIsTheLeastSquaresFitThroughNoise() {
        // y = 2x + 1 at x = 0..4, with residuals (+1, -1, 0, -1, +1) that cancel against x
        List<Trend.Point> points = List.of(new Trend.Point(0, 2), new Trend.Point(1, 2), new Trend.Point(2, 5),
                new Trend.Point(3, 6), new Trend.Point(4, 10));

        assertThat(Trend.perHour(points)).isCloseTo(2, within(1e-9));
    }

    @Test
    void aSingleMomentHasNoTrend() {
        assertThat(Trend.perHour(List.of(new Trend.Point(0.2, 5)))).isNaN();
        assertThat(Trend.perHour(List.of(new Trend.Point(0.2, 5), new Trend.Point(0.2, 9)))).isNaN();
    }

    @Test
    void memoryGrowingTenPercentAnHourIsNotFlat() {
        assertThat(FlatnessRule.judge(FootprintFigure.RSS, minutes(61, minute -> 300 * (1 + 0.1 * minute / 60))))
                .isEqualTo(FlatnessRule.Verdict.NOT_FLAT);
    }

    @Test
    void memoryThatGrowsWhileSettlingInThenStaysIsFlat() {
        // the heap expands over the first 20 minutes, then holds within ±1 MB
        List<Trend.Point> points = minutes(61, minute -> minute < 20 ? 150 + 5 * minute : 250 + (minute % 2 == 0 ? 1 : -1));

        assertThat(FlatnessRule.judge(FootprintFigure.RSS, points)).isEqualTo(FlatnessRule.Verdict.FLAT);
    }

    @Test
    void memoryFallingFastIsNotFlatEither() {
        assertThat(FlatnessRule.judge(FootprintFigure.RSS, minutes(61, minute -> 400 - minute)))
                .isEqualTo(FlatnessRule.Verdict.NOT_FLAT);
    }

    @Test
    void countsMovingByAFewAreFlatAndCountsClimbingOneAMinuteAreNot() {
        assertThat(FlatnessRule.judge(FootprintFigure.THREADS, minutes(61, minute -> 60 + minute % 7)))
                .isEqualTo(FlatnessRule.Verdict.FLAT);
        assertThat(FlatnessRule.judge(FootprintFigure.OPEN_FILES, minutes(61, minute -> 120 + minute)))
                .isEqualTo(FlatnessRule.Verdict.NOT_FLAT);
    }

    @Test
    void aLargeCountMayMoveByFivePercentOfItsMean() {
        // about 400 sockets: 5 % is 20, so a range of 18 is flat, one of 30 is not
        assertThat(FlatnessRule.judge(FootprintFigure.OPEN_FILES, minutes(61, minute -> 391 + minute % 19)))
                .isEqualTo(FlatnessRule.Verdict.FLAT);
        assertThat(FlatnessRule.judge(FootprintFigure.OPEN_FILES, minutes(61, minute -> 385 + minute % 31)))
                .isEqualTo(FlatnessRule.Verdict.NOT_FLAT);
    }

    @Test
    void fewerThanSixSamplesGiveNoVerdict() {
        assertThat(FlatnessRule.judge(FootprintFigure.RSS, minutes(5, minute -> 300))).isEqualTo(FlatnessRule.Verdict.TOO_FEW_SAMPLES);
        assertThat(FlatnessRule.judge(FootprintFigure.RSS, minutes(6, minute -> 300))).isEqualTo(FlatnessRule.Verdict.FLAT);
    }

    @Test
    void aHeapAfterGcThatNeverChangedInTheSecondHalfSaysNothing() {
        // no old-generation collection after minute 12: the same figure is read again and again
        List<Trend.Point> points = minutes(61, minute -> minute < 12 ? 40 + minute : 52);

        assertThat(FlatnessRule.judge(FootprintFigure.HEAP_AFTER_GC, points)).isEqualTo(FlatnessRule.Verdict.NO_OLD_GC);
        assertThat(FlatnessRule.judge(FootprintFigure.THREADS, points)).isEqualTo(FlatnessRule.Verdict.FLAT);
    }

    @Test
    void theSecondHalfHoldsTheMiddleSampleOfAnOddNumber() {
        assertThat(FlatnessRule.secondHalf(minutes(7, minute -> minute))).extracting(Trend.Point::value).containsExactly(3.0, 4.0, 5.0, 6.0);
        assertThat(FlatnessRule.secondHalf(minutes(6, minute -> minute))).extracting(Trend.Point::value).containsExactly(3.0, 4.0, 5.0);
    }

    /** One sample a minute from minute 0. */
    private static List<Trend.Point> minutes(int count, IntToDoubleFunction value) {
        List<Trend.Point> points = new ArrayList<>();
        for (int minute = 0; minute < count; minute++) {
            points.add(new Trend.Point(minute / 60.0, value.applyAsDouble(minute)));
        }
        return points;
    }
}

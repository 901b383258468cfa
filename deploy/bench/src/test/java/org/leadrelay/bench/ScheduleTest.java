package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void leadsFallDueAtStartPlusIOverRate() {
        Schedule schedule = new Schedule(1_000 * MS, 50);

        assertThat(schedule.due(0)).isEqualTo(1_000 * MS);
        assertThat(schedule.due(1)).isEqualTo(1_020 * MS);
        assertThat(schedule.due(50)).isEqualTo(2_000 * MS);
        assertThat(schedule.due(12_345)).isEqualTo(1_000 * MS + 12_345 * 20 * MS);
    }

    @Test
    void aFractionalRateKeepsItsScheduleWithoutDrift() {
        Schedule schedule = new Schedule(0, 3);

        assertThat(schedule.due(3)).isEqualTo(1_000 * MS);
        assertThat(schedule.due(3_000)).isEqualTo(1_000_000 * MS);
        assertThat(schedule.due(1)).isEqualTo(333_333_333L);
    }

    @Test
    void countsTheLeadsDueWithinADuration() {
        assertThat(new Schedule(0, 20).leadsWithin(Duration.ofSeconds(20))).isEqualTo(400);
        assertThat(new Schedule(0, 2.5).leadsWithin(Duration.ofSeconds(3))).isEqualTo(7);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new Schedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latencyCountsFromTheIntendedTimeSoAStallShowsInEveryLeadItDelayed() {
        // ten leads due every 100 ms; the sender is stuck until 1 s, then sends them all at once and each is answered 5 ms later
        Schedule schedule = new Schedule(0, 10);
        Histogram fromIntended = new Histogram(3);
        Histogram fromActualSend = new Histogram(3);
        for (int i = 0; i < 10; i++) {
            long sent = Math.max(schedule.due(i), 1_000 * MS);
            long answered = sent + 5 * MS;
            fromIntended.recordValue(Schedule.latencyNanos(schedule.due(i), answered) / MS);
            fromActualSend.recordValue((answered - sent) / MS);
        }

        assertThat(fromIntended.getMaxValue()).isEqualTo(1_005);
        assertThat(fromIntended.getValueAtPercentile(50)).isEqualTo(505);
        // what a coordinated-omission measurement would have reported: the stall hidden
        assertThat(fromActualSend.getMaxValue()).isEqualTo(5);
    }

    @Test
    void awaitingALeadAlreadyDueReturnsAtOnce() {
        long before = System.nanoTime();
        Schedule.awaitDue(before - 1_000 * MS);
        assertThat(System.nanoTime() - before).isLessThan(100 * MS);
    }
}

package org.leadrelay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant FAILED_AT = Instant.parse("2026-11-23T09:00:00Z");
    private static final List<Duration> DEFAULT = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    @Test
    void waitsEachDelayOfTheScheduleWithinItsJitterThenGivesUp() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2, Duration.ofHours(10), new Random(3));

        for (int failed = 1; failed <= 7; failed++) {
            Duration base = DEFAULT.get(failed - 1);
            for (int draw = 0; draw < 200; draw++) {
                Duration wait = Duration.between(FAILED_AT, schedule.next(failed, FAILED_AT, null).orElseThrow());
                assertThat(wait).isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
            }
        }
        assertThat(schedule.next(8, FAILED_AT, null)).isEmpty();
        assertThat(schedule.attempts()).isEqualTo(8);
    }

    @Test
    void jitterSpreadsDeliveriesThatFailedTogether() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2, Duration.ofHours(10), new Random(5));

        long distinct = java.util.stream.IntStream.range(0, 100).mapToObj(i -> schedule.next(2, FAILED_AT, null).orElseThrow()).distinct().count();

        assertThat(distinct).isGreaterThan(90);
    }

    @Test
    void neverRetriesBeforeTheReceiverAskedButCapsWhatItMayAsk() {
        RetrySchedule schedule = new RetrySchedule(DEFAULT, 0.2, Duration.ofHours(1), new Random(7));

        assertThat(schedule.next(1, FAILED_AT, Duration.ofSeconds(120))).hasValue(FAILED_AT.plusSeconds(120));
        assertThat(schedule.next(1, FAILED_AT, Duration.ofDays(30))).hasValue(FAILED_AT.plus(Duration.ofHours(1)));
        // asking for less than the schedule's wait does not hurry it
        assertThat(Duration.between(FAILED_AT, schedule.next(3, FAILED_AT, Duration.ofSeconds(1)).orElseThrow()))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(24));
    }

    @Test
    void aScheduleWithoutJitterIsExact() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 0, Duration.ofHours(1), new Random());

        assertThat(schedule.next(1, FAILED_AT, null)).hasValue(FAILED_AT.plusSeconds(1));
        assertThat(schedule.next(2, FAILED_AT, null)).hasValue(FAILED_AT.plusSeconds(2));
        assertThat(schedule.next(3, FAILED_AT, null)).isEmpty();
    }
}

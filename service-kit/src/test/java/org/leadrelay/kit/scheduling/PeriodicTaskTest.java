package org.leadrelay.kit.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void runsEveryIntervalAndGoesOnAfterAFailure() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = PeriodicTask.every(Duration.ofMillis(20), "test-loop", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is away");
            }
        });
        task.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        } finally {
            task.stop();
        }
        assertThat(task.isRunning()).isFalse();
    }

    @Test
    void runsAgainAtOnceWhileTheWorkSaysMoreIsLeft() {
        AtomicInteger batches = new AtomicInteger();
        // an hour's interval: only "more is left" can make it run five times
        PeriodicTask task = PeriodicTask.every(Duration.ofHours(1), "test-batches", () -> batches.incrementAndGet() < 5)
                .startingAfter(Duration.ZERO);
        task.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> batches.get() == 5);
        } finally {
            task.stop();
        }
    }

    @Test
    void aBurstOfAsksToRunSoonRunsTheWorkOnceMore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = PeriodicTask.every(Duration.ofHours(1), "test-soon", () -> {
            runs.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        task.start();
        try {
            task.runSoon(); // starts a run that waits for the release
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
            for (int i = 0; i < 100; i++) {
                task.runSoon(); // asked while the first run is still going: one more run, not a hundred
            }
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(runs.get()).isEqualTo(2);
        } finally {
            task.stop();
        }
    }
}

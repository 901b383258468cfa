package org.leadrelay.kit.outbox;

import java.time.Duration;
import org.leadrelay.kit.scheduling.InBackground;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.springframework.context.SmartLifecycle;

/**
 * Republishes what a crash or a broker outage left in the outbox. The happy path never waits for
 * it: events go out right after they are recorded.
 */
class OutboxSweeper implements InBackground {

    private static final int BATCH = 500;

    private final PeriodicTask loop;

    OutboxSweeper(Outbox outbox, Duration interval, Duration grace) {
        this.loop = PeriodicTask.every(interval, "outbox-sweeper", () -> outbox.sweep(grace, BATCH) == BATCH);
    }

    @Override
    public SmartLifecycle background() {
        return loop;
    }
}

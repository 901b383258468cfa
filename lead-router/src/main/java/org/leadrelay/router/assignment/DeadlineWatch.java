package org.leadrelay.router.assignment;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.AssignmentId;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.PartnerId;
import org.leadrelay.kit.scheduling.InBackground;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fires due deadlines: every {@code leadrelay.router.deadline-poll} it claims the due timers nobody
 * holds (for {@code deadline-lease}), acts on each and marks it done. An instance that dies holding
 * a timer loses it when the lease runs out, and another instance fires it; acting twice changes
 * nothing, because expiring an offer is a conditional change of its lead's case.
 */
@Component
class DeadlineWatch implements InBackground {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 100;

    private final Deadlines deadlines;
    private final ManagingAssignments assignments;
    private final RouterProperties properties;
    private final Clock clock;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final PeriodicTask loop;

    DeadlineWatch(Deadlines deadlines, ManagingAssignments assignments, RouterProperties properties, Clock clock) {
        this.deadlines = deadlines;
        this.assignments = assignments;
        this.properties = properties;
        this.clock = clock;
        this.loop = PeriodicTask.every(properties.deadlinePoll(), "deadline-watch", this::fireDue);
    }

    int fireDue() {
        int fired = 0;
        try {
            List<Deadlines.Timer> due;
            do {
                due = deadlines.claimDue(clock.instant(), properties.deadlineLease(), owner, BATCH);
                for (Deadlines.Timer timer : due) {
                    fire(timer);
                    fired++;
                }
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("deadline watch failed, will try again: {}", e.getMessage());
        }
        return fired;
    }

    private void fire(Deadlines.Timer timer) {
        switch (timer.kind()) {
            case EXPIRE_OFFER:
                if (!assignments.expire(LeadId.of(timer.leadId()), AssignmentId.of(timer.assignmentId()), PartnerId.of(timer.partnerId()))) {
                    return; // not due by this instance's clock: the lease runs out and it fires again
                }
                break;
            case RELEASE_CAPACITY:
                assignments.releaseAccepted(PartnerId.of(timer.partnerId()), AssignmentId.of(timer.assignmentId()));
                break;
            default:
                throw new IllegalStateException("unknown timer kind " + timer.kind());
        }
        deadlines.done(timer.id());
    }

    @Override
    public SmartLifecycle background() {
        return loop;
    }
}

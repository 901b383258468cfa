package org.leadrelay.router.assignment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.kit.EventsProperties;
import org.leadrelay.kit.outbox.EventNotPublishedException;
import org.leadrelay.kit.outbox.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the events a lead's case recorded with its changes, in order, and drops them from the case
 * once the broker has them. A sweeper sends what a crash or a broker outage left behind. An event
 * may go out twice (the case changed before its events were dropped, or two instances relay at
 * once); its id is derived from its cause, so consumers see the same event and ignore the repeat.
 */
@Component
public class RelayingEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayingEvents.class);
    private static final int BATCH = 200;

    private final LeadCases cases;
    private final EventPublisher publisher;
    private final EventsProperties events;
    private final Clock clock;
    private ScheduledExecutorService sweeper;

    RelayingEvents(LeadCases cases, EventPublisher publisher, EventsProperties events, Clock clock) {
        this.cases = cases;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
    }

    /** @return true when every pending event of the case reached the broker */
    public boolean send(LeadCase leadCase) {
        if (leadCase.pending().isEmpty()) {
            return true;
        }
        try {
            for (LeadCase.PendingEvent pending : leadCase.pending()) {
                publisher.send(EventEnvelope.of(pending.id(), events.source(), clock.instant(), pending.event()));
            }
        } catch (EventNotPublishedException e) {
            log.warn("events of lead {} not yet published, the sweeper will retry: {}", leadCase.leadId(), e.getMessage());
            return false;
        }
        cases.clearPending(leadCase.leadId(), leadCase.version());
        return true;
    }

    int sweep() {
        int sent = 0;
        try {
            List<LeadCase> waiting = cases.withPending(clock.instant().minus(events.sweepGrace()), BATCH);
            for (LeadCase leadCase : waiting) {
                if (!send(leadCase)) {
                    break;
                }
                sent++;
            }
        } catch (RuntimeException e) {
            log.warn("event sweep failed, will try again: {}", e.getMessage());
        }
        if (sent > 0) {
            log.info("published the pending events of {} leads", sent);
        }
        return sent;
    }

    @Override
    public synchronized void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lead-event-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        Duration interval = events.sweepInterval();
        sweeper.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeper != null;
    }
}

package org.leadrelay.notification.delivery;

import java.time.Clock;
import java.util.List;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.kit.EventsProperties;
import org.leadrelay.kit.outbox.EventNotPublishedException;
import org.leadrelay.kit.outbox.EventPublisher;
import org.leadrelay.kit.outbox.EventRelay;
import org.leadrelay.kit.outbox.EventRelays;
import org.leadrelay.kit.scheduling.InBackground;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the events a delivery job recorded with its changes (NotificationDelivered,
 * NotificationFailed), in order, and drops them from the job once the broker has them. Through the
 * kit's {@link EventRelay}, as lead-intake, lead-router and partner-directory do: a job is marked
 * before the write that records events, and the mark goes once they are sent; the relay's sweeper
 * sends what a crash or a broker outage left marked. The sweeper only publishes: the job is
 * removed by whoever holds its claim, once nothing of it is pending, so a settlement's log entry,
 * metric and alert are seen to as well. An event may go out twice (the post-write send and the
 * sweeper at once); its id is derived from the delivery and the attempt, so consumers see the same
 * event and ignore the repeat.
 */
@Component
class RelayingDeliveryEvents implements InBackground {

    private static final Logger log = LoggerFactory.getLogger(RelayingDeliveryEvents.class);

    private final DeliveryJobs jobs;
    private final EventPublisher publisher;
    private final EventsProperties events;
    private final Clock clock;
    private final EventRelay relay;

    RelayingDeliveryEvents(DeliveryJobs jobs, EventPublisher publisher, EventsProperties events, Clock clock, EventRelays relays) {
        this.jobs = jobs;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.relay = relays.relay("delivery-relay", key -> jobs.find(key).map(this::send).orElse(true));
    }

    /** Marks the job for the relay before the write that records {@code pending} events in it. */
    void mark(DeliveryJob job, String token, List<DeliveryJob.PendingEvent> pending) {
        if (!pending.isEmpty()) {
            relay.mark(job.id(), token);
        }
    }

    /**
     * Publishes what the job holds pending, right after the write, and drops the mark of that write.
     *
     * @return true when nothing of the job is pending any more
     */
    boolean publish(DeliveryJob job, String token) {
        return relay.relay(job.id(), token);
    }

    /**
     * Publishes events no job holds (the job's claim was lost while the attempt they tell of was
     * made), at once and once: the broker's refusal is logged, not retried.
     */
    void publishUnheld(DeliveryJob job, List<DeliveryJob.PendingEvent> pending) {
        try {
            for (DeliveryJob.PendingEvent event : pending) {
                publisher.send(envelope(event));
            }
        } catch (EventNotPublishedException e) {
            log.warn("events of delivery {}, whose claim was lost, not published: {}", job.id(), e.getMessage());
        }
    }

    private boolean send(DeliveryJobs.Stored stored) {
        if (stored.pending().isEmpty()) {
            return true;
        }
        try {
            for (DeliveryJob.PendingEvent event : stored.pending()) {
                publisher.send(envelope(event));
            }
        } catch (EventNotPublishedException e) {
            log.warn("events of delivery {} not yet published, the sweeper will retry: {}", stored.job().id(), e.getMessage());
            return false;
        }
        jobs.clearPending(stored.job().id(), stored.pending().stream().map(DeliveryJob.PendingEvent::id).toList());
        return true;
    }

    private EventEnvelope<?> envelope(DeliveryJob.PendingEvent event) {
        return EventEnvelope.of(event.id(), events.source(), clock.instant(), event.event());
    }

    @Override
    public SmartLifecycle background() {
        return relay;
    }
}

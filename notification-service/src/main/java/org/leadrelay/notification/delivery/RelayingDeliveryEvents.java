package org.leadrelay.notification.delivery;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
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

    /** Marks the job and has the relay's own thread publish what it holds, soon: the caller does not wait for the broker. */
    void relaySoon(DeliveryJob job, String token) {
        relay.mark(job.id(), token);
        relay.sweepSoon();
    }

    /**
     * Relays the events of an attempt made under a claim that was lost meanwhile (the job was
     * cancelled, or re-claimed after its lease): marked, then held by the job whoever holds it (or by
     * the job put back for them alone when it is gone, which the relay removes once they are out),
     * then published like any other, so a broker outage leaves them to the sweeper.
     */
    void publishUnheld(DeliveryJob job, List<DeliveryJob.PendingEvent> pending) {
        if (pending.isEmpty()) {
            return;
        }
        String token = UUID.randomUUID().toString();
        relay.mark(job.id(), token);
        jobs.hold(job, pending, clock.instant());
        relay.relay(job.id(), token);
    }

    private boolean send(DeliveryJobs.Stored stored) {
        if (!stored.pending().isEmpty()) {
            try {
                for (DeliveryJob.PendingEvent event : stored.pending()) {
                    publisher.send(envelope(event));
                }
            } catch (EventNotPublishedException e) {
                log.warn("events of delivery {} not yet published, the sweeper will retry: {}", stored.job().id(), e.getMessage());
                return false;
            }
            jobs.clearPending(stored.job().id(), stored.pending().stream().map(DeliveryJob.PendingEvent::id).toList());
        }
        if (DeliveryJobs.EVENTS_ONLY.equals(stored.lease())) {
            jobs.finish(new DeliveryJobs.Claim(stored.job(), DeliveryJobs.EVENTS_ONLY)); // put back for its events alone: done
        }
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

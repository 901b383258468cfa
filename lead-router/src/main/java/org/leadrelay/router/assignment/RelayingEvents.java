package org.leadrelay.router.assignment;

import java.time.Clock;
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
 * Sends the events a lead's case recorded with its changes, in order, and drops them from the case
 * once the broker has them. Through the kit's {@link EventRelay}, a case with events is marked
 * before it is written, and the mark goes once they are sent; the relay's sweeper sends what a
 * crash or a broker outage left marked, so the sweep reads the few marked cases, never the
 * history of every lead. An event may go out twice (the case changed before its events were
 * dropped, or two instances relay at once); its id is derived from its cause, so consumers see the
 * same event and ignore the repeat.
 */
@Component
public class RelayingEvents implements InBackground {

    private static final Logger log = LoggerFactory.getLogger(RelayingEvents.class);

    private final LeadCases cases;
    private final EventPublisher publisher;
    private final EventsProperties events;
    private final Clock clock;
    private final EventRelay relay;

    RelayingEvents(LeadCases cases, EventPublisher publisher, EventsProperties events, Clock clock, EventRelays relays) {
        this.cases = cases;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.relay = relays.relay("lead-event-relay", key -> cases.find(UUID.fromString(key)).map(this::send).orElse(true));
    }

    /** Marks the case for the relay before it is written, when the write records events. */
    public void mark(LeadCase leadCase) {
        if (!leadCase.pending().isEmpty()) {
            relay.mark(leadCase.leadId().toString(), token(leadCase));
        }
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
        relay.unmark(leadCase.leadId().toString(), token(leadCase));
        return true;
    }

    private static String token(LeadCase leadCase) {
        return Long.toString(leadCase.version());
    }

    @Override
    public SmartLifecycle background() {
        return relay;
    }
}

package org.leadrelay.kit.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.leadrelay.events.ErasureEvent;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadErasureCompleted;
import org.leadrelay.kit.messaging.EventConsumers;
import org.springframework.messaging.Message;

/**
 * A service's report that it erased what it held of a lead's person: {@link LeadErasureCompleted}
 * on {@code leads.erasures.v1}, sent and acknowledged before the service's {@code LeadErased}
 * record counts as handled. A crash before the acknowledgement leaves the record to be handled
 * again, and the erasure, being idempotent, reports again under the same event id (derived from
 * the lead and the service), which the console recognises. So no relay is needed: the record is
 * the retry.
 */
public class ErasureReports {

    private final EventPublisher publisher;
    private final String source;
    private final String service;
    private final Clock clock;

    public ErasureReports(EventPublisher publisher, String source, Clock clock) {
        this.publisher = publisher;
        this.source = source;
        this.service = source.substring(source.lastIndexOf('/') + 1);
        this.clock = clock;
    }

    /** The service's name in its reports: the last segment of its CloudEvents source. */
    public String service() {
        return service;
    }

    /**
     * A {@code leads.erasures.v1} binding's consumer: each {@code LeadErased} is erased here by
     * {@code erase}, which returns what it did, then reported; the record counts as handled only
     * once the report is acknowledged. The services' reports on the topic are passed over.
     *
     * @param erase idempotent: a redelivered record erases again and changes nothing
     */
    public Consumer<Message<byte[]>> binding(EventConsumers consumers, Function<LeadErased, String> erase) {
        return consumers.of(ErasureEvent.class, received -> {
            if (received.event() instanceof LeadErased erased) {
                String summary = erase.apply(erased);
                try {
                    completed(erased.leadId(), summary);
                } catch (EventNotPublishedException e) {
                    throw new IllegalStateException("the erasure of lead " + erased.leadId() + " is done but not yet reported", e);
                }
            }
        });
    }

    /**
     * Publishes the report and waits for the broker.
     *
     * @param summary what was done, naming no person
     * @throws EventNotPublishedException when the broker did not acknowledge it (the consumer retries the record)
     */
    public void completed(UUID leadId, String summary) throws EventNotPublishedException {
        Instant now = clock.instant();
        publisher.send(EventEnvelope.of(EventIds.derived("erasure-completed", leadId, service), source, now,
                new LeadErasureCompleted(leadId, service, summary, now)));
    }
}

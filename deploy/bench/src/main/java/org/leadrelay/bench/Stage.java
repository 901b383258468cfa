package org.leadrelay.bench;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * A span of a lead's path, between two moments of its {@link Timeline}. The first two are the
 * bench's own end-to-end figures; the chain {@link #PATH} splits post → NotificationDelivered
 * into the hops between the events.
 */
enum Stage {

    POST_TO_ANSWER("post → 202", Timeline::due, Timeline::answered),
    POST_TO_WEBHOOK("post → webhook received", Timeline::due, Timeline::webhook),
    POST_TO_INTAKE("post → intake took it (LeadReceived ce_time)", Timeline::due, Timeline::intakeReceived),
    POST_TO_RECEIVED("post → LeadReceived on Kafka", Timeline::due, Timeline::published),
    RECEIVED_TO_ASSIGNED("LeadReceived → LeadAssigned", Timeline::published, Timeline::assigned),
    ASSIGNED_TO_WEBHOOK("LeadAssigned → webhook received", Timeline::assigned, Timeline::webhook),
    WEBHOOK_TO_DELIVERED("webhook received → NotificationDelivered", Timeline::webhook, Timeline::webhookDelivered),
    ASSIGNED_TO_EMAIL("LeadAssigned → email NotificationDelivered", Timeline::assigned, Timeline::emailDelivered);

    /** The hops from the post to the webhook's NotificationDelivered, in order. */
    static final List<Stage> PATH = List.of(POST_TO_RECEIVED, RECEIVED_TO_ASSIGNED, ASSIGNED_TO_WEBHOOK, WEBHOOK_TO_DELIVERED);

    private final String label;
    private final ToLongFunction<Timeline> from;
    private final ToLongFunction<Timeline> to;

    Stage(String label, ToLongFunction<Timeline> from, ToLongFunction<Timeline> to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    String label() {
        return label;
    }

    /**
     * The span in microseconds, empty when either end was not seen. Spans between a millisecond
     * record timestamp and a microsecond moment can come out slightly negative; they count as 0.
     */
    OptionalLong micros(Timeline timeline) {
        long start = from.applyAsLong(timeline);
        long end = to.applyAsLong(timeline);
        if (start == EventStamps.NONE || end == EventStamps.NONE) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, end - start));
    }
}

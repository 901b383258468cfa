package org.leadrelay.console.deliveries;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.StoryChange;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.console.leads.StoryListener;
import org.leadrelay.events.Channel;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.NotificationEvent;

/**
 * Keeps each partner channel's health from the notification events, each heard of once (the lead
 * stories skip a redelivered event). A batch's outcomes for one channel are applied in order and
 * stored once. Several consumer threads may hear of the same partner at once (its leads sit on
 * different partitions): read, apply, store by compare-and-set, retry.
 */
public class WatchingDeliveries implements StoryListener {

    private static final int ATTEMPTS = 20;

    private final EndpointHealths endpoints;
    private final EventCodec codec;

    public WatchingDeliveries(EndpointHealths endpoints, EventCodec codec) {
        this.endpoints = endpoints;
        this.codec = codec;
    }

    @Override
    public void added(List<StoryChange> changes) {
        Map<Endpoint, List<Outcome>> byEndpoint = new LinkedHashMap<>();
        for (StoryChange change : changes) {
            StoryEvent added = change.added();
            if (EventTypes.NOTIFICATION_DELIVERED.equals(added.type()) || EventTypes.NOTIFICATION_FAILED.equals(added.type())) {
                NotificationEvent event = (NotificationEvent) read(added);
                byEndpoint.computeIfAbsent(new Endpoint(event.partnerId(), event.channel()), endpoint -> new ArrayList<>())
                        .add(new Outcome(event, partnerName(change.after(), event), added.id()));
            }
        }
        byEndpoint.forEach(this::apply);
    }

    /** A partner's channel's outcomes of a batch, applied in order and stored once. */
    private void apply(Endpoint endpoint, List<Outcome> outcomes) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            EndpointHealth health = endpoints.find(endpoint.partnerId(), endpoint.channel())
                    .orElseGet(() -> EndpointHealth.unknown(endpoint.partnerId(), endpoint.channel()));
            for (Outcome outcome : outcomes) {
                health = health.after(outcome.event(), outcome.partnerName());
            }
            if (endpoints.save(health)) {
                return;
            }
        }
        throw new IllegalStateException("partner " + endpoint.partnerId() + "'s " + endpoint.channel() + " kept changing while "
                + outcomes.size() + " events (the first " + outcomes.get(0).eventId() + ") were applied");
    }

    private record Endpoint(UUID partnerId, Channel channel) {
    }

    private record Outcome(NotificationEvent event, String partnerName, String eventId) {
    }

    /** The partner's name as the lead's offers to it gave it, when the console has them. */
    private String partnerName(LeadStory story, NotificationEvent event) {
        if (event.partnerId().equals(story.partnerId()) && story.partnerName() != null) {
            return story.partnerName();
        }
        for (StoryEvent stored : story.events()) {
            if (EventTypes.LEAD_ASSIGNED.equals(stored.type()) || EventTypes.LEAD_REASSIGNED.equals(stored.type())) {
                LeadRelayEvent offer = read(stored);
                if (offer instanceof LeadAssigned assigned && assigned.partnerId().equals(event.partnerId())) {
                    return assigned.partnerName();
                }
                if (offer instanceof LeadReassigned reassigned && reassigned.partnerId().equals(event.partnerId())) {
                    return reassigned.partnerName();
                }
            }
        }
        return null;
    }

    private LeadRelayEvent read(StoryEvent stored) {
        return codec.read(stored.type(), stored.json().getBytes(StandardCharsets.UTF_8));
    }
}

package org.leadrelay.console.deliveries;

import java.nio.charset.StandardCharsets;
import org.leadrelay.console.leads.LeadStory;
import org.leadrelay.console.leads.StoryEvent;
import org.leadrelay.console.leads.StoryListener;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.NotificationEvent;

/**
 * Keeps each partner channel's health from the notification events, each heard of once (the lead
 * stories skip a redelivered event). Several consumer threads may hear of the same partner at once
 * (its leads sit on different partitions): read, apply, store by compare-and-set, retry.
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
    public void added(LeadStory before, LeadStory after, StoryEvent added) {
        if (!EventTypes.NOTIFICATION_DELIVERED.equals(added.type()) && !EventTypes.NOTIFICATION_FAILED.equals(added.type())) {
            return;
        }
        NotificationEvent event = (NotificationEvent) read(added);
        String name = partnerName(after, event);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            EndpointHealth current = endpoints.find(event.partnerId(), event.channel())
                    .orElseGet(() -> EndpointHealth.unknown(event.partnerId(), event.channel()));
            if (endpoints.save(current.after(event, name))) {
                return;
            }
        }
        throw new IllegalStateException("partner " + event.partnerId() + "'s " + event.channel() + " kept changing while event " + added.id()
                + " was applied");
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

package org.leadrelay.console.leads;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.AssignmentEvent;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.Sealed;

/**
 * Everything the console knows of one lead: its events in the order they happened, and what they
 * add up to (where it stands, who has it, the person's data, sealed as it travels: ADR 0012). The facts are derived from the
 * events every time one is added, so the story is the same whatever order the topics deliver them
 * in, and adding an event twice changes nothing.
 *
 * @param version    the stored version, for compare-and-set
 * @param receivedAt when intake took the lead (null until its LeadReceived arrives)
 * @param asked      the products and services asked for
 * @param personal   the lead's personal data, sealed; the lead page opens it for an operator with the
 *                   key lead-intake gives, and nothing of it is left once the lead is erased
 * @param assignedAt the first offer's time
 * @param acceptedAt when a partner accepted it
 * @param reason     why nobody could take it, while unroutable
 */
public record LeadStory(UUID leadId, long version, List<StoryEvent> events, LeadState state, Instant receivedAt, String country,
        String region, String city, List<String> asked, String language, Sealed personal, UUID partnerId,
        String partnerName, Instant assignedAt, Instant acceptedAt, String reason, int offers) {

    public LeadStory {
        events = List.copyOf(events);
        asked = asked == null ? List.of() : List.copyOf(asked);
    }

    /** A story with no event yet. */
    public static LeadStory empty(UUID leadId) {
        return new LeadStory(leadId, -1, List.of(), LeadState.RECEIVED, null, null, null, null, List.of(), null, null, null, null,
                null, null, null, 0);
    }

    /** Whether the event with this CloudEvents id is already part of the story. */
    public boolean has(String eventId) {
        return events.stream().anyMatch(event -> event.id().equals(eventId));
    }

    /** Time from intake to the first offer, when both are known. */
    public Duration timeToAssign() {
        return receivedAt == null || assignedAt == null ? null : Duration.between(receivedAt, assignedAt);
    }

    /** Time from intake to a partner's acceptance, when both are known. */
    public Duration timeToAccept() {
        return receivedAt == null || acceptedAt == null ? null : Duration.between(receivedAt, acceptedAt);
    }

    /**
     * The story with one more event, placed by its time (after any event of the same time already
     * there), and the facts derived again from all of them.
     */
    public LeadStory with(StoryEvent added, EventCodec codec) {
        List<StoryEvent> all = new ArrayList<>(events);
        int at = all.size();
        while (at > 0 && all.get(at - 1).time().isAfter(added.time())) {
            at--;
        }
        all.add(at, added);
        if (at < events.size()) {
            return fold(leadId, version, all, codec);
        }
        // the usual case, an event later than all the others: only it is read, onto the facts so far
        Facts facts = Facts.of(this);
        facts.apply(codec.read(added.type(), added.json().getBytes(StandardCharsets.UTF_8)));
        return facts.story(leadId, version, all, codec);
    }

    /** The facts the events add up to, read in order. */
    public static LeadStory fold(UUID leadId, long version, List<StoryEvent> events, EventCodec codec) {
        Facts facts = new Facts();
        for (StoryEvent stored : events) {
            facts.apply(codec.read(stored.type(), stored.json().getBytes(StandardCharsets.UTF_8)));
        }
        return facts.story(leadId, version, events, codec);
    }

    /**
     * The events as they read once the lead is erased: the received lead, every offer's brief and the
     * acceptance without the sealed personal data. The ids, types and times stay, so the story still tells what happened, and a
     * redelivered event is still recognised.
     */
    private static List<StoryEvent> withoutThePerson(List<StoryEvent> events, EventCodec codec) {
        List<StoryEvent> kept = new ArrayList<>(events.size());
        for (StoryEvent stored : events) {
            LeadRelayEvent event = codec.read(stored.type(), stored.json().getBytes(StandardCharsets.UTF_8));
            LeadRelayEvent erased = event instanceof LeadReceived received ? received.erased()
                    : event instanceof AssignmentEvent assignment ? assignment.erased() : event;
            kept.add(erased == event ? stored
                    : new StoryEvent(stored.id(), stored.type(), stored.topic(), stored.time(), new String(codec.write(erased), StandardCharsets.UTF_8)));
        }
        return kept;
    }

    private static final class Facts {
        LeadState state = LeadState.RECEIVED;
        Instant receivedAt;
        String country;
        String region;
        String city;
        List<String> asked = List.of();
        String language;
        Sealed personal;
        UUID partnerId;
        String partnerName;
        Instant assignedAt;
        Instant acceptedAt;
        String reason;
        int offers;
        boolean erased;

        /** The facts a story already holds, to add a later event to. */
        static Facts of(LeadStory story) {
            Facts facts = new Facts();
            facts.state = story.state;
            facts.receivedAt = story.receivedAt;
            facts.country = story.country;
            facts.region = story.region;
            facts.city = story.city;
            facts.asked = story.asked;
            facts.language = story.language;
            facts.personal = story.personal;
            facts.partnerId = story.partnerId;
            facts.partnerName = story.partnerName;
            facts.assignedAt = story.assignedAt;
            facts.acceptedAt = story.acceptedAt;
            facts.reason = story.reason;
            facts.offers = story.offers;
            facts.erased = story.state == LeadState.ERASED;
            return facts;
        }

        /** The story these facts make; once the lead is erased, its events too keep nothing of the person. */
        LeadStory story(UUID leadId, long version, List<StoryEvent> events, EventCodec codec) {
            if (erased) {
                events = withoutThePerson(events, codec);
            }
            return new LeadStory(leadId, version, events, state, receivedAt, country, region, city, asked, language, personal,
                    partnerId, partnerName, assignedAt, acceptedAt, reason, offers);
        }

        void apply(LeadRelayEvent event) {
            if (event instanceof LeadReceived received) {
                receivedAt = received.receivedAt();
                country = received.location().country();
                region = received.location().region();
                city = received.location().city();
                List<String> terms = new ArrayList<>(received.need().products());
                terms.addAll(received.need().services());
                asked = terms;
                language = received.language();
                personal = erased ? null : received.personal();
            } else if (event instanceof LeadAssigned assigned) {
                offered(assigned.partnerId(), assigned.partnerName(), assigned.assignedAt());
            } else if (event instanceof LeadReassigned reassigned) {
                offered(reassigned.partnerId(), reassigned.partnerName(), reassigned.assignedAt());
            } else if (event instanceof LeadAccepted accepted) {
                settle(LeadState.ACCEPTED);
                acceptedAt = accepted.acceptedAt();
            } else if (event instanceof LeadDeclined) {
                settle(LeadState.DECLINED);
            } else if (event instanceof LeadAssignmentExpired) {
                settle(LeadState.EXPIRED);
            } else if (event instanceof LeadUnroutable unroutable) {
                settle(LeadState.UNROUTABLE);
                reason = unroutable.reason();
            } else if (event instanceof LeadErased) {
                erased = true;
                personal = null;
                state = LeadState.ERASED;
            }
            // notifications change no fact of the lead; they are in its story
        }

        private void offered(UUID partner, String name, Instant at) {
            settle(LeadState.OFFERED);
            partnerId = partner;
            partnerName = name;
            reason = null;
            offers++;
            if (assignedAt == null || at.isBefore(assignedAt)) {
                assignedAt = at;
            }
        }

        private void settle(LeadState next) {
            if (!erased) {
                state = next;
            }
        }
    }
}

package org.leadrelay.console.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadRelayEvent;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.testing.LeadKeyServer;

class LeadStoryTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

    private final UUID leadId = UUID.randomUUID();
    private final LeadReceived lead = new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact("Ana Lopez", "Ana@Example.org", null, null), null),
            new Need(List.of("postgresql"), List.of("migration"), null), new Location("ES", null, "Madrid", null, null), "es", 12,
            new Consent("partner-contact-v1", T0), "website-form", T0);
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();

    @Test
    void the_facts_are_the_same_whatever_order_the_events_arrive_in() {
        List<StoryEvent> events = story();
        LeadStory inOrder = build(events);
        Random random = new Random(7);
        for (int run = 0; run < 20; run++) {
            List<StoryEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            LeadStory any = build(shuffled);
            assertThat(any.events()).extracting(StoryEvent::id).containsExactlyElementsOf(inOrder.events().stream().map(StoryEvent::id).toList());
            assertThat(any).usingRecursiveComparison().isEqualTo(inOrder);
        }
        assertThat(inOrder.state()).isEqualTo(LeadState.ACCEPTED);
        assertThat(inOrder.partnerId()).isEqualTo(second);
        assertThat(inOrder.offers()).isEqualTo(2);
        assertThat(inOrder.timeToAssign()).isEqualTo(Duration.ofMillis(30));
        assertThat(inOrder.timeToAccept()).isEqualTo(Duration.ofMinutes(20));
        assertThat(inOrder.personal()).as("kept sealed, as it travels").isEqualTo(lead.personal());
        assertThat(inOrder).usingRecursiveComparison().isEqualTo(LeadStory.fold(lead.leadId(), -1, inOrder.events(), CODEC));
    }

    @Test
    void an_erased_lead_keeps_no_contact_whatever_arrives_after() {
        List<StoryEvent> events = new ArrayList<>(story());
        events.add(1, event(EventTypes.LEAD_ERASED, new LeadErased(lead.leadId(), T0.plusSeconds(1)), T0.plusSeconds(1)));
        LeadStory story = build(events);
        assertThat(story.state()).isEqualTo(LeadState.ERASED);
        assertThat(story.personal()).isNull();
        // the events read after the erasure (the lead itself, the offers, the acceptance) are kept without even the sealed data
        assertThat(story.events()).hasSize(6).allSatisfy(event -> assertThat(event.json()).doesNotContain(lead.personal().ciphertext()));
        assertThat(story.events()).extracting(StoryEvent::id).containsExactlyInAnyOrderElementsOf(events.stream().map(StoryEvent::id).toList());
    }

    @Test
    void an_erasure_rewrites_the_events_already_in_the_story() {
        LeadStory accepted = build(story());
        assertThat(accepted.events()).anySatisfy(event -> assertThat(event.json()).contains(lead.personal().ciphertext()));

        LeadStory erased = accepted.with(event(EventTypes.LEAD_ERASED, new LeadErased(lead.leadId(), T0.plus(Duration.ofHours(1))),
                T0.plus(Duration.ofHours(1))), CODEC);

        assertThat(erased.state()).isEqualTo(LeadState.ERASED);
        assertThat(erased.events()).hasSize(6).noneSatisfy(event -> assertThat(event.json()).contains(lead.personal().ciphertext()));
        assertThat(erased.partnerName()).isEqualTo("Sevilla SQL"); // what happened stays
        assertThat(erased.offers()).isEqualTo(2);
    }

    private LeadStory build(List<StoryEvent> arriving) {
        LeadStory story = LeadStory.empty(lead.leadId());
        for (StoryEvent event : arriving) {
            story = story.with(event, CODEC);
        }
        return story;
    }

    private List<StoryEvent> story() {
        Score score = Score.of(List.of(new ScoreComponent("speciality", 60, "offers both")));
        Instant offered = T0.plusMillis(30);
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        return List.of(
                event(EventTypes.LEAD_RECEIVED, lead, T0),
                event(EventTypes.LEAD_ASSIGNED, new LeadAssigned(lead.leadId(), a1, first, "Madrid Datos", 1, score, List.of(), List.of(),
                        lead.brief(), offered, offered.plus(Duration.ofHours(4))), offered),
                event(EventTypes.LEAD_DECLINED, new LeadDeclined(lead.leadId(), a1, first, "too busy", T0.plusSeconds(300)), T0.plusSeconds(300)),
                event(EventTypes.LEAD_REASSIGNED, new LeadReassigned(lead.leadId(), a2, second, "Sevilla SQL", first, "declined: too busy", 2,
                        score, List.of(), List.of(), lead.brief(), T0.plusSeconds(301), T0.plusSeconds(301).plus(Duration.ofHours(4))),
                        T0.plusSeconds(301)),
                event(EventTypes.LEAD_ACCEPTED, new LeadAccepted(lead.leadId(), a2, second, T0.plus(Duration.ofMinutes(20)), lead.personal()),
                        T0.plus(Duration.ofMinutes(20))));
    }

    private static StoryEvent event(String type, LeadRelayEvent event, Instant at) {
        return new StoryEvent(UUID.randomUUID().toString(), type, "test", at, new String(CODEC.write(event), StandardCharsets.UTF_8));
    }
}

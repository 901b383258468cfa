package org.leadrelay.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an event keeps once its lead is erased: what routing used, nothing of the person. */
class ErasedEventsTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void anErasedLeadKeepsItsRoutingFactsAndLosesItsSealedPersonalData() {
        LeadReceived lead = EventSamples.postgresMigrationInLyon();

        LeadReceived erased = lead.erased();

        assertThat(erased.personal()).isNull();
        assertThat(written(erased)).doesNotContain(lead.personal().ciphertext());
        assertThat(erased.need()).isEqualTo(lead.need());
        assertThat(erased.need().environment()).isEqualTo(lead.need().environment());
        assertThat(erased.location()).isEqualTo(lead.location());
        assertThat(erased.consent()).isEqualTo(lead.consent());
        assertThat(codec.read(EventTypes.LEAD_RECEIVED, codec.write(erased))).as("still a valid event").isEqualTo(erased);
    }

    @Test
    void coordinatesTheSenderGaveGoWithThePersonAndAGazetteersCityCentreStays() {
        LeadReceived gazetteer = EventSamples.postgresMigrationInLyon();
        LeadReceived provided = new LeadReceived(gazetteer.leadId(), gazetteer.personal(), gazetteer.need(),
                new Location("FR", null, "Lyon", "69002", new Coordinates(45.76, 4.83)), gazetteer.language(), gazetteer.employees(),
                gazetteer.consent(), gazetteer.source(), gazetteer.receivedAt());

        assertThat(gazetteer.erased().location()).isEqualTo(gazetteer.location());
        assertThat(provided.erased().location().coordinates()).isNull();
        assertThat(provided.erased().location().city()).isEqualTo("Lyon");
    }

    @Test
    void everyAssignmentEventLosesWhatItCarriedOfThePerson() {
        for (LeadRelayEvent event : EventSamples.oneOfEach()) {
            if (event instanceof AssignmentEvent assignment) {
                AssignmentEvent erased = assignment.erased();
                assertThat(written(erased)).as(erased.getClass().getSimpleName())
                        .doesNotContain(EventSamples.postgresMigrationInLyon().personal().ciphertext());
                assertThat(erased.leadId()).isEqualTo(assignment.leadId());
                assertThat(codec.read(EventCatalog.of(erased).type(), codec.write(erased))).isEqualTo(erased);
            }
        }
        LeadAccepted accepted = new LeadAccepted(EventSamples.LEAD, EventSamples.ASSIGNMENT, EventSamples.PARTNER, EventSamples.NOW,
                EventSamples.postgresMigrationInLyon().personal());
        assertThat(accepted.erased().personal()).isNull();
        assertThat(accepted.erased().erased()).isEqualTo(accepted.erased());
        LeadBrief brief = EventSamples.postgresMigrationInLyon().brief();
        assertThat(brief.personal()).isNotNull();
        assertThat(brief.erased().personal()).isNull();
        assertThat(brief.erased().need().products()).isEqualTo(List.of("postgresql"));
    }

    private String written(LeadRelayEvent event) {
        return new String(codec.write(event), StandardCharsets.UTF_8);
    }
}

package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeadErasureTest {

    private final UUID leadId = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-12-06T10:15:30Z");

    @Test
    void aLeadHasOneErasureIdHoweverOftenItIsAsked() {
        assertThat(LeadErasure.idOf(leadId)).isEqualTo(LeadErasure.idOf(UUID.fromString(leadId.toString())))
                .isNotEqualTo(leadId).isNotEqualTo(LeadErasure.idOf(UUID.randomUUID()));
        assertThat(LeadErasure.requested(leadId, LeadErasure.RequestedAs.EMAIL, LeadErasure.Reason.REQUEST, "operator", at).erasureId())
                .isEqualTo(LeadErasure.idOf(leadId));
    }

    @Test
    void isRequestedThenErasedThenPublished() {
        LeadErasure requested = LeadErasure.requested(leadId, LeadErasure.RequestedAs.LEAD_ID, LeadErasure.Reason.REQUEST, "operator", at);
        assertThat(requested.status()).isEqualTo(LeadErasure.Status.REQUESTED);
        LeadErasure erased = new LeadErasure(requested.erasureId(), leadId, requested.requestedAs(), LeadErasure.Reason.REQUEST, "operator", at, at.plusMillis(3), null);
        assertThat(erased.status()).isEqualTo(LeadErasure.Status.ERASED);
        assertThat(new LeadErasure(requested.erasureId(), leadId, requested.requestedAs(), LeadErasure.Reason.REQUEST, "operator", at, at.plusMillis(3), at.plusMillis(9))
                .status()).isEqualTo(LeadErasure.Status.PUBLISHED);
        assertThat(LeadErasure.RequestedAs.LEAD_ID.label()).isEqualTo("lead-id");
    }

    @Test
    void refusesAnErasureNoOperatorAskedForAnotherLeadsIdOrPublishedBeforeItWasDone() {
        assertThatThrownBy(() -> LeadErasure.requested(leadId, LeadErasure.RequestedAs.LEAD_ID, LeadErasure.Reason.REQUEST, " ", at))
                .hasMessageContaining("requestedBy");
        assertThatThrownBy(() -> new LeadErasure(UUID.randomUUID(), leadId, LeadErasure.RequestedAs.LEAD_ID, LeadErasure.Reason.REQUEST, "operator", at, null, null))
                .hasMessageContaining("is not lead");
        assertThatThrownBy(() -> new LeadErasure(LeadErasure.idOf(leadId), leadId, LeadErasure.RequestedAs.LEAD_ID, LeadErasure.Reason.REQUEST, "operator", at, null, at))
                .hasMessageContaining("only once the data is erased");
    }

    @Test
    void findsAPersonsLeadsByTheirEmailWhateverItsCaseSpacesOrDomainSpelling() {
        String key = EmailKey.of("camille.martin@example.fr");
        assertThat(EmailKey.of("  Camille.Martin@EXAMPLE.fr ")).isEqualTo(key);
        assertThat(EmailKey.of("camille@bücher.example")).isEqualTo(EmailKey.of("Camille@xn--bcher-kva.example"));
        assertThat(EmailKey.of("camille.martin@example.com")).isNotEqualTo(key);
        assertThat(key).hasSize(64).doesNotContain("camille");
    }
}

package org.leadrelay.notification.messages;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.Score;

/**
 * A lead offered to a partner, first or after a reassignment: what the partner is told.
 *
 * @param reassigned  whether the lead was offered to another partner before
 * @param answerToken the signed token that answers this offer, for the partner's system
 * @param answerPage  the page the partner's email links to, to accept or decline
 * @param answerApi   where the partner's own system answers, given in the webhook
 */
public record LeadOffer(UUID leadId, UUID assignmentId, UUID partnerId, String partnerName, int attempt, boolean reassigned,
        Score score, PartnerBrief lead, Instant assignedAt, Instant respondBy, String answerToken, URI answerPage, URI answerApi) {

    /** The offer of a LeadAssigned, with the customer's words opened from the lead's sealed data, when known. */
    public static LeadOffer of(LeadAssigned assigned, String description) {
        return new LeadOffer(assigned.leadId(), assigned.assignmentId(), assigned.partnerId(), assigned.partnerName(),
                assigned.attempt(), false, assigned.score(), PartnerBrief.of(assigned.lead(), description), assigned.assignedAt(), assigned.respondBy(), null, null,
                null);
    }

    public static LeadOffer of(LeadReassigned reassigned, String description) {
        return new LeadOffer(reassigned.leadId(), reassigned.assignmentId(), reassigned.partnerId(), reassigned.partnerName(),
                reassigned.attempt(), true, reassigned.score(), PartnerBrief.of(reassigned.lead(), description), reassigned.assignedAt(), reassigned.respondBy(),
                null, null, null);
    }

    /** The offer with its way to answer: the token and where to use it. */
    public LeadOffer withAnswer(String token, URI origin) {
        String base = origin.toString().replaceAll("/+$", "");
        return new LeadOffer(leadId, assignmentId, partnerId, partnerName, attempt, reassigned, score, lead, assignedAt, respondBy,
                token, URI.create(base + "/answers/" + token), URI.create(base + "/api/answers/" + token));
    }

    /** The answer page with the partner's intended answer; the page still asks to confirm, since mail scanners follow links. */
    public URI acceptPage() {
        return URI.create(answerPage + "?answer=accept");
    }

    public URI declinePage() {
        return URI.create(answerPage + "?answer=decline");
    }
}

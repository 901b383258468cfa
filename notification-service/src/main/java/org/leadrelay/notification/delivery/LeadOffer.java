package org.leadrelay.notification.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.Score;

/**
 * A lead offered to a partner, first or after a reassignment: what the partner is told.
 *
 * @param answerPage the page the partner's email links to, to accept or decline
 * @param answerApi  where the partner's own system answers, given in the webhook
 */
public record LeadOffer(UUID leadId, UUID assignmentId, UUID partnerId, String partnerName, int attempt, Score score,
        LeadBrief lead, Instant respondBy, URI answerPage, URI answerApi) {

    public static LeadOffer of(LeadAssigned assigned) {
        return new LeadOffer(assigned.leadId(), assigned.assignmentId(), assigned.partnerId(), assigned.partnerName(),
                assigned.attempt(), assigned.score(), assigned.lead(), assigned.respondBy(), null, null);
    }

    public static LeadOffer of(LeadReassigned reassigned) {
        return new LeadOffer(reassigned.leadId(), reassigned.assignmentId(), reassigned.partnerId(), reassigned.partnerName(),
                reassigned.attempt(), reassigned.score(), reassigned.lead(), reassigned.respondBy(), null, null);
    }

    LeadOffer withAnswerLinks(URI page, URI api) {
        return new LeadOffer(leadId, assignmentId, partnerId, partnerName, attempt, score, lead, respondBy, page, api);
    }
}

package org.leadrelay.router.responses;

import java.time.Clock;
import java.util.Optional;
import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.AssignmentId;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.PartnerId;
import org.leadrelay.router.assignment.LeadCase;
import org.leadrelay.router.assignment.ManagingAssignments;
import org.leadrelay.router.assignment.OfferClosedException;
import org.springframework.stereotype.Service;

/**
 * Takes a partner's answer to an offer, given with the offer's signed token. The lead's case
 * decides (see {@link ManagingAssignments#answer}): the first answer counts, the same answer again
 * changes nothing, a different one, or one for an offer that expired or moved on, is refused.
 */
@Service
public class AnsweringOffer {

    private final AnswerTokens tokens;
    private final ManagingAssignments assignments;
    private final Clock clock;

    AnsweringOffer(AnswerTokens tokens, ManagingAssignments assignments, Clock clock) {
        this.tokens = tokens;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** The offer a token stands for; looking at it changes nothing. */
    public Offer offer(String token) {
        AnswerTokens.Claims claims = tokens.verify(token, clock.instant());
        LeadCase leadCase = assignments.find(LeadId.of(claims.leadId())).orElseThrow(() -> new AnswerConflictException("this lead is not known here"));
        return offer(claims, leadCase);
    }

    /** Records the answer; returns the offer with the answer now stored. */
    public Offer answer(String token, Answer answer, String reason) {
        AnswerTokens.Claims claims = tokens.verify(token, clock.instant());
        try {
            LeadCase leadCase = assignments.answer(LeadId.of(claims.leadId()), AssignmentId.of(claims.assignmentId()), PartnerId.of(claims.partnerId()),
                    answer == Answer.ACCEPT, reason);
            return offer(claims, leadCase);
        } catch (OfferClosedException e) {
            throw new AnswerConflictException(e.getMessage());
        }
    }

    private static Offer offer(AnswerTokens.Claims claims, LeadCase leadCase) {
        LeadCase.Attempt attempt = leadCase.attempt(claims.assignmentId()).filter(found -> found.partnerId().equals(claims.partnerId()))
                .orElseThrow(() -> new AnswerConflictException("this offer is not open to you"));
        RecordedAnswer answer = null;
        switch (attempt.outcome()) {
            case ACCEPTED:
            case DECLINED:
                answer = new RecordedAnswer(attempt.assignmentId(), leadCase.leadId(), attempt.partnerId(),
                        attempt.outcome() == LeadCase.Outcome.ACCEPTED ? Answer.ACCEPT : Answer.DECLINE, attempt.reason(), attempt.answeredAt());
                break;
            case EXPIRED:
                throw new AnswerConflictException("the deadline to answer this offer passed and the lead moved on");
            case WITHDRAWN:
                throw new AnswerConflictException(leadCase.state() == LeadCase.State.ERASED
                        ? "this lead was erased at the customer's request: the offer is closed" : "this lead was reassigned");
            default:
                break;
        }
        Optional<org.leadrelay.events.LeadBrief> brief = Optional.empty();
        if (attempt.event() instanceof LeadAssigned assigned) {
            brief = Optional.of(assigned.lead());
        } else if (attempt.event() instanceof LeadReassigned reassigned) {
            brief = Optional.of(reassigned.lead());
        }
        return new Offer(claims, attempt.partnerName(), brief.orElse(leadCase.lead().brief()), attempt.respondBy(), answer);
    }
}

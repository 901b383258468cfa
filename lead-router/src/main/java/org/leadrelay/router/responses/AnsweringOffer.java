package org.leadrelay.router.responses;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.leadrelay.events.AnswerTokens;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.Outbox;
import org.leadrelay.router.assignment.Routing;
import org.leadrelay.router.assignment.Routings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes a partner's answer to an offer, given with the offer's signed token: the first answer
 * counts, the same answer again changes nothing, a different one is refused; an accepted or
 * declined offer is published as LeadAccepted or LeadDeclined.
 */
@Service
public class AnsweringOffer {

    private static final Logger log = LoggerFactory.getLogger(AnsweringOffer.class);

    private final AnswerTokens tokens;
    private final Routings routings;
    private final Answers answers;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    AnsweringOffer(AnswerTokens tokens, Routings routings, Answers answers, Outbox outbox, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.tokens = tokens;
        this.routings = routings;
        this.answers = answers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The offer a token stands for; looking at it changes nothing. */
    public Offer offer(String token) {
        AnswerTokens.Claims claims = tokens.verify(token, clock.instant());
        return new Offer(claims, currentOffer(claims), answers.find(claims.assignmentId()).orElse(null));
    }

    /** Records the answer; returns the offer with the answer now stored. */
    public Offer answer(String token, Answer answer, String reason) {
        AnswerTokens.Claims claims = tokens.verify(token, clock.instant());
        LeadAssigned assigned = currentOffer(claims);
        RecordedAnswer stored = answers.recordFirst(new RecordedAnswer(claims.assignmentId(), claims.leadId(), claims.partnerId(),
                answer, answer == Answer.DECLINE ? blankToNull(reason) : null, clock.instant(), false));
        // the stored answer's event goes out first, even when this request is refused: a crash after
        // storing it must not leave it unpublished
        publish(stored);
        if (stored.answer() != answer) {
            throw new AnswerConflictException("this lead was already " + (stored.answer() == Answer.ACCEPT ? "accepted" : "declined"));
        }
        return new Offer(claims, assigned, stored);
    }

    private void publish(RecordedAnswer stored) {
        if (!stored.published()) {
            var event = stored.answer() == Answer.ACCEPT
                    ? new LeadAccepted(stored.leadId(), stored.assignmentId(), stored.partnerId(), stored.answeredAt())
                    : new LeadDeclined(stored.leadId(), stored.assignmentId(), stored.partnerId(), stored.reason(), stored.answeredAt());
            if (outbox.publish(outbox.envelope(EventIds.derived("answer", stored.assignmentId()), event))) {
                answers.markPublished(stored);
            }
            meters.counter("leadrelay.router.answers", "answer", stored.answer().name().toLowerCase(java.util.Locale.ROOT)).increment();
            log.info("lead {} {} by partner {}", stored.leadId(), stored.answer() == Answer.ACCEPT ? "accepted" : "declined",
                    stored.partnerId());
        }
    }

    private LeadAssigned currentOffer(AnswerTokens.Claims claims) {
        Routing routing = routings.find(claims.leadId())
                .orElseThrow(() -> new AnswerConflictException("this lead is not known here"));
        if (!(routing.event() instanceof LeadAssigned assigned) || !assigned.assignmentId().equals(claims.assignmentId())
                || !assigned.partnerId().equals(claims.partnerId())) {
            throw new AnswerConflictException("this offer is no longer open to you");
        }
        return assigned;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

package org.leadrelay.notification.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Score;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies of the webhooks partners receive (documented for partners in docs/webhooks.md).
 * Every body names its {@code type} and when the thing it tells happened ({@code timestamp});
 * fields may be added, never removed or renamed, so receivers ignore fields they do not know.
 */
public final class WebhookPayloads {

    public static final String OFFERED = "lead.offered";
    public static final String ACCEPTED = "lead.accepted";
    public static final String WITHDRAWN = "lead.withdrawn";
    public static final String ERASED = "lead.erased";
    private static final String ERASED_REQUEST = "The customer asked for their personal data to be erased (GDPR Art. 17 and 19): delete "
            + "everything you hold about this person from this lead, copies included, unless a law requires you to keep it.";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private WebhookPayloads() {
    }

    public static String offered(LeadOffer offer) {
        return JSON.writeValueAsString(new Offered(OFFERED, offer.assignedAt(), offer.leadId(), offer.assignmentId(), offer.partnerId(),
                offer.attempt(), offer.reassigned(), offer.score(), offer.lead(), offer.respondBy(), offer.answerToken(),
                offer.answerApi(), offer.answerPage(), offer.acceptPage(), offer.declinePage()));
    }

    public static String accepted(Acceptance acceptance) {
        return JSON.writeValueAsString(new Accepted(ACCEPTED, acceptance.acceptedAt(), acceptance.leadId(), acceptance.assignmentId(),
                acceptance.partnerId(), acceptance.contact(), acceptance.lead()));
    }

    public static String withdrawn(Withdrawal withdrawal) {
        return JSON.writeValueAsString(new Withdrawn(WITHDRAWN, withdrawal.at(), withdrawal.leadId(), withdrawal.assignmentId(),
                withdrawal.partnerId(), withdrawal.reason().code()));
    }

    public static String erased(Erasure erasure) {
        List<UUID> assignments = erasure.assignmentIds();
        return JSON.writeValueAsString(new Erased(ERASED, erasure.erasedAt(), erasure.leadId(),
                assignments.isEmpty() ? null : assignments.get(assignments.size() - 1), erasure.partnerId(), assignments, erasure.accepted(),
                ERASED_REQUEST));
    }

    /**
     * The customer behind a lead the partner was told of asked to be erased: delete what you hold of them.
     *
     * @param assignmentId  the latest offer of the lead this partner was told of
     * @param assignmentIds every offer of the lead this partner was told of, oldest first
     * @param accepted      whether the partner accepted the lead (so holds the contact details)
     * @param request       the request in words, for a person reading the receiver's log
     */
    record Erased(String type, Instant timestamp, UUID leadId, UUID assignmentId, UUID partnerId, List<UUID> assignmentIds, boolean accepted,
            String request) {
    }

    /**
     * A lead is offered to the partner.
     *
     * @param answerToken the signed token that answers this offer until {@code respondBy}
     * @param answerUrl   where the partner's system POSTs {@code {"answer": "ACCEPT"}} or {@code {"answer": "DECLINE", "reason": "..."}}
     * @param answerPage  the same answer as a page for a person
     */
    record Offered(String type, Instant timestamp, UUID leadId, UUID assignmentId, UUID partnerId, int attempt, boolean reassigned,
            Score score, PartnerBrief lead, Instant respondBy, String answerToken, URI answerUrl, URI answerPage, URI acceptPage,
            URI declinePage) {
    }

    /** The partner accepted: the customer's contact details, for this partner only. */
    record Accepted(String type, Instant timestamp, UUID leadId, UUID assignmentId, UUID partnerId, Contact contact, PartnerBrief lead) {
    }

    /** An offer made to the partner is over: {@code reason} is {@code expired}, {@code declined}, {@code operator} or {@code reassigned}. */
    record Withdrawn(String type, Instant timestamp, UUID leadId, UUID assignmentId, UUID partnerId, String reason) {
    }
}

package org.leadrelay.console.queue;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.PartnerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClientException;

/**
 * What an operator does to a lead in the queue, through lead-router's operator API (the router
 * owns assignments; the console never writes one itself): give it to a partner by hand, or send it
 * back to routing. Every attempt is audited, refused or not, before the answer is shown.
 */
public class FixingQueue {

    /** The reason's limit here: the router takes 500 characters, and the console adds who acted. */
    public static final int MOST_REASON = 400;
    static final String ASSIGNED = "lead.assigned";
    static final String REOPENED = "lead.reopened";
    private static final Logger log = LoggerFactory.getLogger(FixingQueue.class);

    private final ServiceClient router;
    private final AuditTrail audit;
    private final Clock clock;

    public FixingQueue(ServiceClient router, AuditTrail audit, Clock clock) {
        this.router = router;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the router answered: done, or its refusal in its own words. */
    public record Outcome(boolean done, String detail) {

        static final String DONE = "done";
    }

    /**
     * Gives the lead to the partner, whatever its capacity; the router records the operator's name
     * and reason in the offer it makes.
     */
    public Outcome assign(LeadId leadId, PartnerId partnerId, String reason, String operator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnerId", partnerId.toString());
        body.put("reason", reason.strip() + " (by " + operator + " via console)");
        Outcome outcome = call(() -> router.post("/api/leads/" + leadId + "/assignment", body));
        audit.record(new AuditEntry(clock.instant(), operator, ASSIGNED, leadId.toString(), "partner " + partnerId + ": " + reason.strip(),
                outcome.done() ? Outcome.DONE : outcome.detail()));
        log.info("lead {} assigned by hand to partner {} from the console: {}", leadId, partnerId, outcome.done() ? "done" : outcome.detail());
        return outcome;
    }

    /** Routes the lead again from scratch. */
    public Outcome reopen(LeadId leadId, String reason, String operator) {
        Outcome outcome = call(() -> router.post("/api/leads/" + leadId + "/reopen", null));
        audit.record(new AuditEntry(clock.instant(), operator, REOPENED, leadId.toString(),
                reason == null || reason.isBlank() ? "reopened" : reason.strip(), outcome.done() ? Outcome.DONE : outcome.detail()));
        log.info("lead {} reopened from the console: {}", leadId, outcome.done() ? "done" : outcome.detail());
        return outcome;
    }

    private static Outcome call(Runnable request) {
        try {
            request.run();
            return new Outcome(true, Outcome.DONE);
        } catch (ServiceClient.Refused refused) {
            return new Outcome(false, refused.getMessage());
        } catch (RestClientException unreachable) {
            return new Outcome(false, "lead-router could not be reached: " + unreachable.getClass().getSimpleName());
        }
    }
}

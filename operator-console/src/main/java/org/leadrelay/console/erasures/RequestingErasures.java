package org.leadrelay.console.erasures;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.events.LeadId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClientException;

/**
 * Asks lead-intake, which owns the leads, to erase one lead or every lead of a person's email
 * ({@code POST /api/erasures}); the console never erases anything itself before intake's
 * {@code LeadErased} comes back on the topic. Every request is audited, refused or not, naming
 * the leads, never the email.
 */
public class RequestingErasures {

    /** The reason's limit: enough to say who asked and how (a ticket, a letter). */
    public static final int MOST_REASON = 400;
    static final String ERASED = "lead.erasure-requested";
    private static final Logger log = LoggerFactory.getLogger(RequestingErasures.class);

    private final ServiceClient intake;
    private final AuditTrail audit;
    private final Clock clock;

    public RequestingErasures(ServiceClient intake, AuditTrail audit, Clock clock) {
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What intake answered.
     *
     * @param leadIds the leads the erasure covers (none: intake holds no lead of that email)
     */
    public record Outcome(boolean done, String detail, List<UUID> leadIds) {
    }

    /**
     * Erases one lead.
     *
     * @param consentWithdrawn the person withdrew their consent (intake's reason {@code consent-withdrawn}),
     *                         rather than asked to be forgotten ({@code request})
     */
    public Outcome eraseLead(LeadId leadId, boolean consentWithdrawn, String reason, String operator) {
        Outcome outcome = call(Map.of("leadId", leadId.toString(), "reason", basis(consentWithdrawn)));
        audit.record(new AuditEntry(clock.instant(), operator, ERASED, leadId.toString(), basis(consentWithdrawn) + ": " + reason.strip(),
                outcome.done() ? "done" : outcome.detail()));
        log.info("erasure of lead {} asked from the console: {}", leadId, outcome.done() ? "done" : outcome.detail());
        return outcome;
    }

    /** Every lead intake holds with this email; the audit names the leads found, not the address. */
    public Outcome erasePerson(String email, boolean consentWithdrawn, String reason, String operator) {
        Outcome outcome = call(Map.of("email", email.strip(), "reason", basis(consentWithdrawn)));
        audit.record(new AuditEntry(clock.instant(), operator, ERASED, "person by email", basis(consentWithdrawn) + ": " + reason.strip(),
                outcome.done() ? "done: " + outcome.leadIds().size() + " lead(s) " + outcome.leadIds() : outcome.detail()));
        log.info("erasure of a person's leads asked from the console: {}", outcome.done() ? outcome.leadIds().size() + " lead(s)" : outcome.detail());
        return outcome;
    }

    private static String basis(boolean consentWithdrawn) {
        return consentWithdrawn ? "consent-withdrawn" : "request";
    }

    private Outcome call(Map<String, String> body) {
        try {
            Map<String, Object> answer = intake.post("/api/erasures", body);
            List<UUID> leads = new ArrayList<>();
            if (answer.get("erasures") instanceof List<?> erasures) {
                for (Object erasure : erasures) {
                    if (erasure instanceof Map<?, ?> one && one.get("leadId") != null) {
                        leads.add(UUID.fromString(one.get("leadId").toString()));
                    }
                }
            }
            return new Outcome(true, "done", leads);
        } catch (ServiceClient.Refused refused) {
            return new Outcome(false, refused.getMessage(), List.of());
        } catch (RestClientException unreachable) {
            return new Outcome(false, "lead-intake could not be reached: " + unreachable.getClass().getSimpleName(), List.of());
        }
    }
}

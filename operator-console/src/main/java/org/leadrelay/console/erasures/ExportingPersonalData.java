package org.leadrelay.console.erasures;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.kit.persistence.LeadDataHeld;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClientException;

/**
 * A person's access request (GDPR Art. 15): everything Lead Relay holds about an email address,
 * from every service that holds lead data, as one JSON document. lead-intake finds the person's
 * leads by their email ({@code POST /api/access}) and says what it holds of each; lead-router and
 * notification-service say what they hold of each lead ({@code GET /api/leads/{id}/held-data}),
 * and the console adds its own. partner-directory holds partners, not leads. A service that cannot
 * answer makes the export fail as a whole: an export that silently misses a service would tell the
 * person less than is held. Every export is audited, naming the leads, never the email.
 */
public class ExportingPersonalData {

    static final String EXPORTED = "person.access-exported";
    private static final Logger log = LoggerFactory.getLogger(ExportingPersonalData.class);

    private final ServiceClient intake;
    private final ServiceClient router;
    private final ServiceClient notification;
    private final LeadDataHeld own;
    private final AuditTrail audit;
    private final Clock clock;

    public ExportingPersonalData(ServiceClient intake, ServiceClient router, ServiceClient notification, LeadDataHeld own,
            AuditTrail audit, Clock clock) {
        this.intake = intake;
        this.router = router;
        this.notification = notification;
        this.own = own;
        this.audit = audit;
        this.clock = clock;
    }

    /** A service could not say what it holds; nothing is exported. */
    public static final class Incomplete extends RuntimeException {
        Incomplete(String service, String why) {
            super(service + " could not say what it holds (" + why + "); nothing was exported");
        }
    }

    /** The document: who asked, when, the person's leads, and each service's documents per lead. */
    public Map<String, Object> export(String email, String reason, String operator) {
        try {
            Map<String, Object> fromIntake = ask("lead-intake", () -> intake.post("/api/access", Map.of("email", email.strip())));
            List<UUID> leadIds = new ArrayList<>();
            if (fromIntake.get("leadIds") instanceof List<?> ids) {
                ids.forEach(id -> leadIds.add(UUID.fromString(id.toString())));
            }
            Map<String, Object> services = new LinkedHashMap<>();
            services.put("lead-intake", fromIntake.getOrDefault("leads", List.of()));
            services.put("lead-router", perLead(leadIds, "lead-router", router));
            services.put("notification-service", perLead(leadIds, "notification-service", notification));
            services.put("operator-console", leadIds.stream().map(id -> new LeadDataHeld.View("operator-console", id, own.of(id))).toList());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("subject", Map.of("email", email.strip()));
            document.put("exportedAt", clock.instant().toString());
            document.put("exportedBy", operator);
            document.put("leadIds", leadIds);
            document.put("services", services);
            audit.record(new AuditEntry(clock.instant(), operator, EXPORTED, "person by email", reason.strip(),
                    "done: " + leadIds.size() + " lead(s) " + leadIds));
            log.info("access export of a person's data from the console: {} lead(s)", leadIds.size());
            return document;
        } catch (Incomplete incomplete) {
            audit.record(new AuditEntry(clock.instant(), operator, EXPORTED, "person by email", reason.strip(), incomplete.getMessage()));
            throw incomplete;
        }
    }

    private static List<Object> perLead(List<UUID> leadIds, String service, ServiceClient client) {
        List<Object> views = new ArrayList<>();
        for (UUID leadId : leadIds) {
            views.add(ask(service, () -> client.get("/api/leads/" + leadId + "/held-data", Map.class)));
        }
        return views;
    }

    private static <T> T ask(String service, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ServiceClient.Refused refused) {
            throw new Incomplete(service, refused.getMessage());
        } catch (RestClientException unreachable) {
            throw new Incomplete(service, "unreachable: " + unreachable.getClass().getSimpleName());
        }
    }
}

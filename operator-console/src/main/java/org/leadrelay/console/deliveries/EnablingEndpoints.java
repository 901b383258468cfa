package org.leadrelay.console.deliveries;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.console.services.ServiceClient;
import org.leadrelay.events.PartnerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints disabled now and enabling one again, both through notification-service's operator
 * API: it owns the disabled state (it disables an endpoint on a 410 answer, and enables it again
 * by itself when the partner's webhook URL changes, neither of which it publishes), so the console
 * asks it rather than keeping a copy that could be wrong. Every enabling is audited, refusals too.
 */
public class EnablingEndpoints {

    public static final String ENABLED = "endpoint.enabled";
    private static final Logger log = LoggerFactory.getLogger(EnablingEndpoints.class);

    private final ServiceClient notification;
    private final AuditTrail audit;
    private final Clock clock;

    public EnablingEndpoints(ServiceClient notification, AuditTrail audit, Clock clock) {
        this.notification = notification;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The disabled endpoints, newest first.
     *
     * @throws ServiceClient.Refused when notification-service refused, or another exception when it could not be reached
     */
    public List<DisabledEndpoint> disabled() {
        DisabledEndpoint[] listed = notification.get("/api/disabled-endpoints", DisabledEndpoint[].class);
        return listed == null ? List.of() : List.of(listed);
    }

    /**
     * Enables the partner's webhook endpoint again: webhooks resume for new deliveries.
     *
     * @return null when it was done, else why not (the service's problem detail)
     */
    public String enable(PartnerId partnerId, String who, String why) {
        String refusal = null;
        try {
            notification.delete("/api/disabled-endpoints/" + partnerId);
            log.info("partner {}'s webhook endpoint enabled again by {}", partnerId, who);
        } catch (ServiceClient.Refused e) {
            refusal = e.getMessage();
        } catch (RuntimeException e) {
            log.warn("notification-service could not be reached to enable partner {}'s endpoint: {}", partnerId, e.toString());
            refusal = "notification-service could not be reached";
        }
        audit.record(new AuditEntry(clock.instant(), who, ENABLED, partnerId.toString(), why, refusal == null ? "done" : "refused: " + refusal));
        return refusal;
    }
}

package org.leadrelay.notification.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leadrelay.events.Channel;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.notification.messages.EmailText;
import org.leadrelay.notification.messages.PartnerEmails;
import org.leadrelay.notification.partners.PartnerContact;
import org.leadrelay.notification.partners.PartnerContacts;
import org.springframework.stereotype.Component;

/**
 * Emails to the operators' address ({@code leadrelay.notification.operator-emails}) when a
 * delivery gives up or a partner's endpoint is disabled. They are deliveries themselves, retried
 * like any other; one that gives up is only logged and counted. They name the partner, the lead
 * and the endpoint's origin, never an address or anything of the customer.
 */
@Component
class OperatorAlerts {

    static final String EXHAUSTED = "delivery-exhausted";
    static final String DISABLED = "endpoint-disabled";

    private final PartnerEmails emails;
    private final PartnerContacts partners;
    private final NotificationProperties properties;

    OperatorAlerts(PartnerEmails emails, PartnerContacts partners, NotificationProperties properties) {
        this.emails = emails;
        this.partners = partners;
        this.properties = properties;
    }

    Optional<DeliveryJob> deliveryExhausted(DeliveryJob failed, String target, String lastError, Instant at) {
        if (properties.operatorEmails().isEmpty() || failed.kind() == DeliveryKind.OPERATOR_ALERT) {
            return Optional.empty();
        }
        Map<String, Object> facts = facts(failed, target);
        facts.put("kind", failed.kind().code());
        facts.put("channel", failed.channel().name());
        facts.put("attempts", failed.attempts());
        facts.put("lastError", lastError);
        facts.put("deliveryId", failed.id());
        return Optional.of(job("alert:" + EXHAUSTED + ":" + failed.id(), failed, emails.deliveryExhausted(facts), at));
    }

    Optional<DeliveryJob> endpointDisabled(DeliveryJob job, URI endpoint, Instant at) {
        if (properties.operatorEmails().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> facts = facts(job, Origins.of(endpoint));
        facts.put("disabledAt", at.toString());
        return Optional.of(job("alert:" + DISABLED + ":" + job.partnerId() + ":" + at.getEpochSecond(), job,
                emails.endpointDisabled(facts), at));
    }

    private Map<String, Object> facts(DeliveryJob job, String target) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("partnerId", job.partnerId().toString());
        facts.put("partnerName", partners.find(job.partnerId()).map(PartnerContact::name).orElse("(no longer known)"));
        facts.put("leadId", job.leadId().toString());
        facts.put("assignmentId", job.assignmentId().toString());
        facts.put("target", target);
        return facts;
    }

    private DeliveryJob job(String id, DeliveryJob about, EmailText text, Instant at) {
        return new DeliveryJob(id, DeliveryKind.OPERATOR_ALERT, Channel.EMAIL, about.leadId(), about.assignmentId(), about.partnerId(),
                "<" + EventIds.derived("email", id) + "@" + properties.mailDomain() + ">", 0, at, null, at, null,
                new DeliveryJob.Email(properties.operatorEmails(), text.subject(), text.text(), text.html(), "en"), null);
    }
}

package org.leadrelay.intake.leads;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Environment;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts a validated submission: normalises it, stores the lead and records LeadReceived in the
 * outbox before the caller is answered, so an acknowledged lead always reaches the router.
 */
@Service
public class ReceivingLead {

    static final String EVENT = "lead-received";
    private static final Logger log = LoggerFactory.getLogger(ReceivingLead.class);

    private final Leads leads;
    private final Outbox outbox;
    private final IntakeProperties properties;
    private final Clock clock;

    ReceivingLead(Leads leads, Outbox outbox, IntakeProperties properties, Clock clock) {
        this.leads = leads;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    public LeadReceived receive(LeadSubmission submission) {
        UUID leadId = UUID.randomUUID();
        LeadReceived lead = new LeadReceived(leadId,
                new Contact(trimmed(submission.name()), submission.email().trim(), trimmed(submission.phone()),
                        trimmed(submission.company())),
                new Need(names(submission.products()), names(submission.services()),
                        new Environment(names(submission.operatingSystems()), names(submission.databases()),
                                names(submission.applicationServers())),
                        trimmed(submission.description())),
                new Location(submission.country().trim().toUpperCase(Locale.ROOT), trimmed(submission.region()),
                        trimmed(submission.city()), trimmed(submission.postalCode()), null),
                submission.language() == null || submission.language().isBlank()
                        ? properties.defaultLanguage()
                        : submission.language().trim().toLowerCase(Locale.ROOT),
                submission.employees(),
                new Consent(properties.consentStatement(), clock.instant()),
                submission.source() == null || submission.source().isBlank() ? "api" : submission.source().trim(),
                clock.instant());
        leads.add(lead);
        outbox.publish(outbox.envelope(EventIds.derived(EVENT, leadId), lead));
        log.info("lead {} received from {} for {} in {}", leadId, lead.source(), lead.need().specialities(), lead.location().country());
        return lead;
    }

    private static List<String> names(List<String> values) {
        return values == null ? List.of() : values.stream()
                .filter(Objects::nonNull)
                .map(value -> value.trim().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty())
                .distinct()
                .toList();
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package org.leadrelay.intake.leads;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadId;
import org.leadrelay.events.LeadKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Gives a lead's key to a service allowed to read the lead's personal data (ADR 0012): the
 * notification service, to tell the partner the customer's words and, on acceptance, contact; the
 * console, for an operator. Every read is counted by reader (the configured account names, so the
 * tag stays bounded) and outcome; an erased lead's key is gone for good.
 */
@Service
public class ServingLeadKeys {

    private static final Logger log = LoggerFactory.getLogger(ServingLeadKeys.class);

    private final Leads leads;
    private final LeadErasures erasures;
    private final MeterRegistry meters;

    ServingLeadKeys(Leads leads, LeadErasures erasures, MeterRegistry meters) {
        this.leads = leads;
        this.erasures = erasures;
        this.meters = meters;
    }

    /** The lead's key, or why there is none. */
    public Answer key(LeadId which, String reader) {
        UUID leadId = which.value();
        Optional<StoredLead> stored = leads.find(leadId);
        Answer answer = stored.map(lead -> new Answer(Outcome.SERVED, lead.key()))
                .orElseGet(() -> new Answer(erasures.ofLead(leadId).isPresent() ? Outcome.ERASED : Outcome.UNKNOWN, null));
        meters.counter("leadrelay.intake.key.reads", "reader", reader, "outcome", answer.outcome().tag()).increment();
        log.debug("key of lead {} asked by {}: {}", leadId, reader, answer.outcome().tag());
        return answer;
    }

    /** What became of a request for a key. */
    public enum Outcome {
        SERVED, ERASED, UNKNOWN;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The outcome, and the key when served. */
    public record Answer(Outcome outcome, LeadKey key) {
    }
}

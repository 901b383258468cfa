package org.leadrelay.notification.delivery;

import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadKey;
import org.leadrelay.events.PersonalData;
import org.leadrelay.events.Sealed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens a lead's sealed personal data with the key lead-intake gives (ADR 0012), for the one
 * message being written: the key and the clear data are not kept. Nothing to open (the lead was
 * erased, its key is gone) is not an error: the message goes without the person's data.
 */
@Component
class SealedLeads {

    private static final Logger log = LoggerFactory.getLogger(SealedLeads.class);

    private final LeadKeys keys;

    SealedLeads(LeadKeys keys) {
        this.keys = keys;
    }

    /** The lead's personal data, or empty when there is none to open or its key is gone. */
    Optional<PersonalData> open(UUID leadId, Sealed sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        Optional<LeadKey> key = keys.find(leadId);
        if (key.isEmpty()) {
            log.info("lead {}: its key is gone (erased, or unknown to lead-intake); the message goes without the person's data", leadId);
            return Optional.empty();
        }
        return Optional.of(key.get().open(leadId, sealed));
    }
}

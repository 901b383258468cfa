package org.leadrelay.intake.leads;

import java.util.UUID;
import org.leadrelay.events.LeadKey;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PersonalData;

/**
 * A lead as intake keeps it: the lead as published (its personal data sealed), the personal data in
 * clear, the lead's own key (ADR 0012), and where it stands. The document records whether its
 * LeadReceived has reached the broker, so a relay can publish whatever is still pending, after a
 * broker outage or a crash, without a second document to keep in step. Erasure removes the whole
 * document, and with it the key: every sealed copy of the lead, wherever it is, reads as nothing.
 *
 * @param sealingKey  the lead's key, 32 bytes; never logged, never on a topic
 * @param duplicateOf the first lead this one repeats, when it is a duplicate (never published)
 */
public record StoredLead(LeadReceived lead, PersonalData personal, byte[] sealingKey, IntakeStatus status, UUID duplicateOf) {

    public UUID leadId() {
        return lead.leadId();
    }

    public LeadKey key() {
        return LeadKey.of(sealingKey);
    }

    public static StoredLead received(LeadReceived lead, PersonalData personal, LeadKey key) {
        return new StoredLead(lead, personal, key.bytes(), IntakeStatus.RECEIVED, null);
    }

    public static StoredLead duplicate(LeadReceived lead, PersonalData personal, LeadKey key, UUID first) {
        return new StoredLead(lead, personal, key.bytes(), IntakeStatus.DUPLICATE, first);
    }

    @Override
    public String toString() {
        return "StoredLead[" + lead.leadId() + ", " + status + "]";
    }
}

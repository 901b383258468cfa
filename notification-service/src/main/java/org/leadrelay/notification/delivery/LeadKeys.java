package org.leadrelay.notification.delivery;

import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.LeadKey;

/**
 * Where this service gets a lead's key to open its sealed personal data (ADR 0012): lead-intake,
 * which holds every lead's key until the lead is erased. The key is used and dropped, never kept.
 */
public interface LeadKeys {

    /**
     * The lead's key; empty when the lead was erased (its key is gone for good) or lead-intake does
     * not know it.
     *
     * @throws org.leadrelay.kit.messaging.ServiceUnavailableException when lead-intake does not answer
     */
    Optional<LeadKey> find(UUID leadId);
}

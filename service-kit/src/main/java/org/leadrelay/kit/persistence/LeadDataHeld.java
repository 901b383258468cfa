package org.leadrelay.kit.persistence;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a service holds about one lead, collection by collection, as stored: its part of a
 * person's access request (GDPR Art. 15). Each service's adapter implements it with
 * {@link HeldDocuments}; the operator console gathers every service's answer into one document.
 */
@FunctionalInterface
public interface LeadDataHeld {

    /** Each collection that may hold something of the lead, with what it holds (an empty list when nothing). */
    Map<String, List<Map<String, Object>>> of(UUID leadId);

    /**
     * A service's answer.
     *
     * @param service     the service, for example {@code lead-router}
     * @param leadId      the lead asked about
     * @param collections each collection with the lead's documents as stored
     */
    record View(String service, UUID leadId, Map<String, List<Map<String, Object>>> collections) {
    }
}

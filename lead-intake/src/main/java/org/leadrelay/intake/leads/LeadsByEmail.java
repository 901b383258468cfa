package org.leadrelay.intake.leads;

import java.util.List;
import java.util.UUID;

/**
 * Which stored leads carry a contact email, by {@link EmailKey}: how an erasure asked by email finds
 * the person's leads without reading every lead. An entry lives as long as its lead holds the
 * person's data.
 */
public interface LeadsByEmail {

    void add(String emailKey, UUID leadId);

    List<UUID> find(String emailKey);

    void remove(String emailKey, UUID leadId);
}

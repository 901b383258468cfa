package org.leadrelay.console.queue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the console keeps its copy of the operators' queue: small by design, one entry per lead. */
public interface UnroutableLeads {

    /** Adds the lead, or replaces what was known of it. */
    void put(UnroutableLead lead);

    void remove(UUID leadId);

    Optional<UnroutableLead> find(UUID leadId);

    /** The waiting leads, oldest first, at most {@code limit}. */
    List<UnroutableLead> oldestFirst(int limit);
}

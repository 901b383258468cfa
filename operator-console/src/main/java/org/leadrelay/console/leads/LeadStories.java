package org.leadrelay.console.leads;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the console keeps its leads' stories. */
public interface LeadStories {

    Optional<LeadStory> find(UUID leadId);

    /** The stories of these leads, in no particular order; unknown ids are left out. */
    List<LeadStory> findAll(Collection<UUID> leadIds);

    /**
     * Stores the story as the next version of the one it was derived from (a new lead when its
     * version is -1).
     *
     * @return false when another writer stored a version in between (read again and retry)
     */
    boolean save(LeadStory story);
}

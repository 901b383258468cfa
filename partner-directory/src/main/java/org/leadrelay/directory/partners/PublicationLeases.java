package org.leadrelay.directory.partners;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Who is putting a partner on the topic right now, kept in the database so that every instance
 * sees it: a partner's publication lease. An instance sends a partner only while it holds the
 * partner's lease, so two sends of one partner never overlap, whichever instances make them, and
 * the topic's last record of a partner is the last revision sent. A lease runs out on its own
 * (its holder crashed, or was stopped mid-send) and can then be taken by another instance.
 */
public interface PublicationLeases {

    /**
     * Takes the leases of these partners for {@code holder} until {@code until}, where nobody holds
     * them or the holder's lease ran out before {@code now}.
     *
     * @return the partners whose lease {@code holder} now has
     */
    Set<UUID> take(Collection<UUID> partnerIds, String holder, Instant now, Instant until);

    /** Gives back the leases {@code holder} has among these partners. */
    void give(Collection<UUID> partnerIds, String holder);
}

package org.leadrelay.console.deliveries;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.Channel;

/** Where the console keeps how each partner's channels are doing. */
public interface EndpointHealths {

    Optional<EndpointHealth> find(UUID partnerId, Channel channel);

    /**
     * Stores the endpoint as the next version of the one it was derived from (a new one when its
     * version is -1).
     *
     * @return false when another writer stored a version in between (read again and retry)
     */
    boolean save(EndpointHealth endpoint);

    /** The endpoints failing now or with retries under way, the latest failure first. */
    List<EndpointHealth> troubled(int limit);

    /** These partners' endpoints on every channel; unknown ones are left out. */
    List<EndpointHealth> ofPartners(Collection<UUID> partnerIds);
}

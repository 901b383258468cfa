package org.leadrelay.directory.partners;

import java.util.Optional;
import java.util.UUID;

/** The partners of the network. */
public interface Partners {

    void add(Partner partner);

    Optional<Partner> find(UUID id);

    /** The partners matching the filter, sorted by name, one page at a time (pages count from 0). */
    PartnerPage list(PartnerFilter filter, int page, int size);
}

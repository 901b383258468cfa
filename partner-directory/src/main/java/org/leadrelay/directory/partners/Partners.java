package org.leadrelay.directory.partners;

import java.util.Optional;
import java.util.UUID;

/** The partners of the network. */
public interface Partners {

    void add(Partner partner);

    Optional<Partner> find(UUID id);
}

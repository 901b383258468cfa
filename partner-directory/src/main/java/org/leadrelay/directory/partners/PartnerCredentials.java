package org.leadrelay.directory.partners;

import java.util.UUID;

/**
 * Each partner's key for its self-service API. Only a hash of the key is stored; the key itself
 * is shown once, when it is issued.
 */
public interface PartnerCredentials {

    /** Stores the hash of a new key for the partner, replacing any earlier one. */
    void store(UUID partnerId, String keyHash);

    /** The stored hash of the partner's key, if it has one. */
    java.util.Optional<String> hashOf(UUID partnerId);

    void remove(UUID partnerId);
}

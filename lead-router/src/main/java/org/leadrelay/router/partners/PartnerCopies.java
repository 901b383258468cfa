package org.leadrelay.router.partners;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.router.routing.RoutablePartner;

/**
 * The router's copy of the partner network in its database, for operators, answers and manual
 * assignment: the routing part of each partner's latest {@link PartnerUpserted}, read back as a
 * {@link RoutablePartner}. Routing reads the in-memory {@link PartnerReplica} instead.
 */
public interface PartnerCopies {

    /**
     * Keeps the partner's state as the event gives it unless the copy already holds the same or a
     * newer revision.
     *
     * @return true when the copy changed
     */
    boolean keep(PartnerUpserted partner);

    /**
     * Forgets a deleted partner; forgetting one the copy does not hold changes nothing.
     *
     * @return true when the copy held it
     */
    boolean remove(UUID partnerId);

    /** Every partner, whatever its status, that covers the country. */
    List<RoutablePartner> coveringCountry(String country);

    Optional<RoutablePartner> find(UUID partnerId);

    /** Every partner in the copy, by name. */
    List<RoutablePartner> all();

    /** Whether the copy holds no partner at all (a new or wiped database). */
    boolean isEmpty();
}

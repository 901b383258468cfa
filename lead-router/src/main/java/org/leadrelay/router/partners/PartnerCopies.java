package org.leadrelay.router.partners;

import java.util.List;

/** The router's copy of the partner network. */
public interface PartnerCopies {

    /**
     * Keeps the partner unless the copy already holds the same or a newer revision.
     *
     * @return true when the copy changed
     */
    boolean keep(RoutablePartner partner);

    /** Every partner, active or not, that covers the country. */
    List<RoutablePartner> coveringCountry(String country);
}

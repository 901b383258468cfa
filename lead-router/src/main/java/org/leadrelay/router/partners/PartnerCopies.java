package org.leadrelay.router.partners;

import java.util.List;
import java.util.UUID;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.router.routing.CandidateSearch;

/** The router's copy of the partner network. */
public interface PartnerCopies {

    /**
     * Keeps the partner unless the copy already holds the same or a newer revision.
     *
     * @return true when the copy changed
     */
    boolean keep(RoutablePartner partner);

    /**
     * Forgets a deleted partner; forgetting one the copy does not hold changes nothing.
     *
     * @return true when the copy held it
     */
    boolean remove(UUID partnerId);

    /** Every partner, whatever its status, that covers the country. */
    List<RoutablePartner> coveringCountry(String country);

    /**
     * The partners that might serve a lead in the country, whatever their status: those covering
     * it, and those that could reach it otherwise (a service area, remote delivery). The routing
     * policy decides which are eligible.
     */
    List<RoutablePartner> candidatesFor(String country);

    /**
     * The partners worth routing the lead to, found without reading the others: those offering a
     * product or service asked for that cover the lead's country, deliver every service asked
     * remotely, or have a service area containing its coordinates (exactly what
     * {@link CandidateSearch#finds} accepts), whatever their status. The routing policy decides which
     * are eligible; partners offering nothing asked are not among them, so they are not counted as
     * passed over either.
     */
    List<RoutablePartner> candidatesFor(LeadReceived lead);

    java.util.Optional<RoutablePartner> find(UUID partnerId);

    /** Every partner in the copy, by name. */
    List<RoutablePartner> all();

    /** Whether the copy holds no partner at all (a new or wiped database). */
    boolean isEmpty();
}

package org.leadrelay.router.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.LeadReceived;

/**
 * Which partners are worth handing to the {@link RoutingPolicy} for a lead: those offering at least
 * one product or service asked for (the {@code speciality} rule) that also reach the lead one way
 * of the {@code coverage} rule: they cover its country, deliver every service asked remotely, or
 * have a service area containing its coordinates. Every other partner would fail one of these
 * two rules, so leaving it out changes which partner is chosen in no case; it is only no longer
 * counted among the passed-over. Status, regions, language and capacity are left to the policy,
 * which explains them.
 *
 * @param country     the lead's country, upper case, as {@link RoutedLead} has it
 * @param terms       the products and services asked, lower case, without repeats
 * @param services    the services asked, lower case
 * @param coordinates the lead's position, null when unknown
 */
public record CandidateSearch(String country, List<String> terms, List<String> services, Coordinates coordinates) {

    /** Separates the country from the term in {@link #countryTerms()} keys. */
    public static final char KEY_SEPARATOR = ':';

    public CandidateSearch {
        country = country.intern();
        terms = terms.stream().map(String::intern).toList();
        services = services.stream().map(String::intern).toList();
    }

    public static CandidateSearch of(LeadReceived lead) {
        Set<String> terms = new LinkedHashSet<>();
        lead.need().products().forEach(term -> terms.add(term.toLowerCase(Locale.ROOT)));
        Set<String> services = new LinkedHashSet<>();
        lead.need().services().forEach(term -> services.add(term.toLowerCase(Locale.ROOT)));
        terms.addAll(services);
        return new CandidateSearch(lead.location().country().toUpperCase(Locale.ROOT), List.copyOf(terms), List.copyOf(services),
                lead.location().coordinates());
    }

    /** The {@link #countryTermsOf country and term keys} a partner covering the lead's country and offering a term asked has. */
    public List<String> countryTerms() {
        List<String> keys = new ArrayList<>(terms.size());
        for (String term : terms) {
            keys.add(country + KEY_SEPARATOR + term);
        }
        return keys;
    }

    boolean reachesInArea(RoutablePartner partner) {
        return coordinates != null && partner.reaches(coordinates.latitude(), coordinates.longitude());
    }

    /** Every term the partner offers, as the {@code speciality} rule reads them: its specialities and its expertise. */
    public static List<String> termsOf(RoutablePartner partner) {
        return List.of(partner.terms);
    }

    /** One key per country the partner covers and term it offers, to look partners up by both at once. */
    public static List<String> countryTermsOf(RoutablePartner partner) {
        List<String> terms = termsOf(partner);
        List<String> keys = new ArrayList<>(partner.countries().size() * terms.size());
        for (String country : partner.countries()) {
            for (String term : terms) {
                keys.add(country + KEY_SEPARATOR + term);
            }
        }
        return keys;
    }
}

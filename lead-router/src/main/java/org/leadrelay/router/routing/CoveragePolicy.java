package org.leadrelay.router.routing;

import java.util.ArrayList;
import java.util.List;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.ServiceArea;

/**
 * The partner serves the lead's location, in one of three ways: it covers the lead's country (only
 * the regions it lists there, when it lists any of that country), one of its service areas
 * contains the lead's coordinates (great-circle distance within the radius, across borders too), or
 * it delivers every service asked for remotely. A lead whose region is free text rather than an
 * ISO 3166-2 code is not taken to be in a partner's listed regions: the router cannot tell.
 */
final class CoveragePolicy implements EligibilityPolicy {

    static final String NAME = "coverage";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean admits(RoutedLead lead, RoutablePartner partner, Standing standing) {
        return coversRegion(lead, partner) || inServiceArea(lead, partner) || partner.deliversRemotely(lead.services());
    }

    @Override
    public String refusal(RoutedLead lead, RoutablePartner partner, Standing standing) {
        StringBuilder why = new StringBuilder();
        List<String> regions = regionsIn(partner, lead.country());
        if (!partner.countries().contains(lead.country())) {
            why.append("does not cover ").append(lead.country());
        } else if (lead.regionCode() == null) {
            why.append("covers only ").append(String.join(", ", regions)).append(" in ").append(lead.country())
                    .append(lead.region() == null || lead.region().isBlank()
                            ? ", and the lead names no region"
                            : ", and the lead's region '" + lead.region() + "' is not an ISO 3166-2 code");
        } else {
            why.append("covers only ").append(String.join(", ", regions)).append(" in ").append(lead.country())
                    .append(", not ").append(lead.regionCode());
        }
        if (lead.coordinates() != null && !partner.serviceAreas().isEmpty()) {
            ServiceArea nearest = null;
            double nearestKm = Double.MAX_VALUE;
            for (ServiceArea area : partner.serviceAreas()) {
                double km = GreatCircle.km(area.centre(), lead.coordinates());
                if (km < nearestKm) {
                    nearestKm = km;
                    nearest = area;
                }
            }
            why.append("; nearest service area ").append(label(nearest)).append(" is ").append(Wording.decimal(nearestKm))
                    .append(" km away (radius ").append(Wording.decimal(nearest.radiusKm())).append(" km)");
        }
        if (!partner.remoteServices().isEmpty() && !lead.services().isEmpty()) {
            List<String> notRemote = new ArrayList<>(lead.services());
            notRemote.removeAll(partner.remoteServices());
            why.append("; does not deliver ").append(String.join(", ", notRemote)).append(" remotely");
        }
        return why.toString();
    }

    static String label(ServiceArea area) {
        return area.label() == null || area.label().isBlank()
                ? "at " + Wording.fraction(area.centre().latitude()) + ", " + Wording.fraction(area.centre().longitude())
                : area.label();
    }

    /**
     * Partners covering all of the lead's country or delivering every service asked remotely are in,
     * by the index's sets; the others are checked one by one: their service areas from the index's
     * columns, and, for partners listing regions of the lead's country, those regions.
     */
    @Override
    public long[] exclude(RoutedLead lead, PartnerIndex index, long[] remaining) {
        long[] coveringAll = index.coveringAll(lead.country());
        long[] coveringRegions = index.coveringRegions(lead.country());
        long[] remote = index.deliveringRemotely(lead.services());
        long[] suspects = new long[remaining.length];
        for (int i = 0; i < remaining.length; i++) {
            suspects[i] = ~((coveringAll == null ? 0 : coveringAll[i]) | (remote == null ? 0 : remote[i]));
        }
        Coordinates at = lead.coordinates();
        double radians = at == null ? 0 : Math.toRadians(at.latitude());
        double cosine = Math.cos(radians);
        return Bits.removeFailing(remaining, suspects,
                ordinal -> !(coveringRegions != null && Bits.has(coveringRegions, ordinal) && coversRegion(lead, index.partner(ordinal))
                        || at != null && index.reaches(ordinal, radians, cosine, at.longitude())));
    }

    /** Whether the region is an ISO 3166-2 code of the country ({@code FR-IDF} of {@code FR}). */
    static boolean isRegionOf(String region, String country) {
        return region.regionMatches(true, 0, country, 0, 2) && region.length() > 2 && region.charAt(2) == '-';
    }

    private static boolean coversRegion(RoutedLead lead, RoutablePartner partner) {
        if (!RoutablePartner.has(partner.countryWords, lead.country())) {
            return false;
        }
        if (!partner.listsRegions) {
            return true;
        }
        List<String> regions = partner.regions();
        boolean restricted = false;
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            if (isRegionOf(region, lead.country())) {
                if (region.equalsIgnoreCase(lead.regionCode())) {
                    return true;
                }
                restricted = true;
            }
        }
        return !restricted;
    }

    private static List<String> regionsIn(RoutablePartner partner, String country) {
        return partner.regions().stream()
                .filter(region -> isRegionOf(region, country))
                .toList();
    }

    private static boolean inServiceArea(RoutedLead lead, RoutablePartner partner) {
        return lead.coordinates() != null && partner.reaches(lead.coordinates().latitude(), lead.coordinates().longitude());
    }
}

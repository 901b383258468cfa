package org.leadrelay.router.routing;

import java.util.ArrayList;
import java.util.List;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.router.partners.RoutablePartner;

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
        return coversRegion(lead, partner) || inServiceArea(lead, partner) || deliversRemotely(lead, partner);
    }

    /** How the partner covers the lead, for partners already known to cover it. */
    static String how(RoutedLead lead, RoutablePartner partner) {
        if (coversRegion(lead, partner)) {
            return regionsIn(partner, lead.country()).isEmpty() ? "covers " + lead.country() : "covers " + lead.regionCode();
        }
        if (inServiceArea(lead, partner)) {
            return "within a service area";
        }
        return "delivers " + String.join(", ", lead.services()) + " remotely";
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

    private static boolean coversRegion(RoutedLead lead, RoutablePartner partner) {
        if (!partner.countries().contains(lead.country())) {
            return false;
        }
        List<String> regions = partner.regions();
        if (regions.isEmpty()) {
            return true;
        }
        boolean restricted = false;
        for (String region : regions) {
            if (region.regionMatches(true, 0, lead.country(), 0, 2) && region.length() > 2 && region.charAt(2) == '-') {
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
                .filter(region -> region.regionMatches(true, 0, country, 0, 2) && region.length() > 2 && region.charAt(2) == '-')
                .toList();
    }

    private static boolean inServiceArea(RoutedLead lead, RoutablePartner partner) {
        if (lead.coordinates() == null) {
            return false;
        }
        for (ServiceArea area : partner.serviceAreas()) {
            if (GreatCircle.km(area.centre(), lead.coordinates()) <= area.radiusKm()) {
                return true;
            }
        }
        return false;
    }

    private static boolean deliversRemotely(RoutedLead lead, RoutablePartner partner) {
        return !lead.services().isEmpty() && partner.remoteServices().containsAll(lead.services());
    }
}

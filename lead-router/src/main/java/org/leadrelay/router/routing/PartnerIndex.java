package org.leadrelay.router.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.router.partners.RoutablePartner;

/**
 * The partners in memory, looked up per lead without visiting the others: by country and term, by
 * remote service, and by term and a grid of 5-degree cells over their service areas' bounding
 * boxes. Returns exactly what {@link CandidateSearch#finds} accepts, in a fixed order. Immutable
 * once built, so it can be shared by threads; a changed partner means a new index.
 */
public final class PartnerIndex {

    private static final double CELL_DEGREES = 5;
    private static final int LON_CELLS = (int) (360 / CELL_DEGREES) + 1;
    /** An area spanning more cells than this (near a pole, across the antimeridian, or huge) is checked for every lead. */
    private static final int MAX_CELLS_PER_AREA = 16;

    private final int size;
    private final Map<String, List<RoutablePartner>> byCountryAndTerm = new HashMap<>();
    private final Map<String, List<RoutablePartner>> byRemoteService = new HashMap<>();
    private final Map<String, Map<Integer, List<Area>>> areasByTermAndCell = new HashMap<>();
    private final Map<String, List<Area>> wideAreasByTerm = new HashMap<>();

    private PartnerIndex(Collection<RoutablePartner> partners) {
        size = partners.size();
        for (RoutablePartner partner : partners) {
            for (String key : CandidateSearch.countryTermsOf(partner)) {
                byCountryAndTerm.computeIfAbsent(key, k -> new ArrayList<>()).add(partner);
            }
            for (String service : partner.remoteServices()) {
                byRemoteService.computeIfAbsent(service, k -> new ArrayList<>()).add(partner);
            }
            if (partner.serviceAreas().isEmpty()) {
                continue;
            }
            List<String> terms = CandidateSearch.termsOf(partner);
            for (ServiceArea served : partner.serviceAreas()) {
                Area area = new Area(partner, AreaBox.around(served));
                int fromLat = latCell(area.box().minLat());
                int toLat = latCell(area.box().maxLat());
                int fromLon = lonCell(area.box().minLon());
                int toLon = lonCell(area.box().maxLon());
                boolean wide = (toLat - fromLat + 1) * (toLon - fromLon + 1) > MAX_CELLS_PER_AREA;
                for (String term : terms) {
                    if (wide) {
                        wideAreasByTerm.computeIfAbsent(term, k -> new ArrayList<>()).add(area);
                        continue;
                    }
                    Map<Integer, List<Area>> cells = areasByTermAndCell.computeIfAbsent(term, k -> new HashMap<>());
                    for (int lat = fromLat; lat <= toLat; lat++) {
                        for (int lon = fromLon; lon <= toLon; lon++) {
                            cells.computeIfAbsent(lat * LON_CELLS + lon, k -> new ArrayList<>()).add(area);
                        }
                    }
                }
            }
        }
    }

    public static PartnerIndex of(Collection<RoutablePartner> partners) {
        return new PartnerIndex(partners);
    }

    /** How many partners the index holds. */
    public int size() {
        return size;
    }

    public List<RoutablePartner> candidatesFor(LeadReceived lead) {
        return candidatesFor(CandidateSearch.of(lead));
    }

    public List<RoutablePartner> candidatesFor(CandidateSearch search) {
        Set<RoutablePartner> found = Collections.newSetFromMap(new IdentityHashMap<>());
        List<RoutablePartner> candidates = new ArrayList<>();
        for (String key : search.countryTerms()) {
            for (RoutablePartner partner : byCountryAndTerm.getOrDefault(key, List.of())) {
                if (found.add(partner)) {
                    candidates.add(partner);
                }
            }
        }
        if (!search.services().isEmpty()) {
            for (RoutablePartner partner : byRemoteService.getOrDefault(search.services().get(0), List.of())) {
                if (!found.contains(partner) && search.deliversRemotely(partner) && search.offersATerm(partner)) {
                    found.add(partner);
                    candidates.add(partner);
                }
            }
        }
        Coordinates at = search.coordinates();
        if (at != null) {
            int cell = latCell(at.latitude()) * LON_CELLS + lonCell(at.longitude());
            for (String term : search.terms()) {
                Map<Integer, List<Area>> cells = areasByTermAndCell.get(term);
                addReaching(cells == null ? List.of() : cells.getOrDefault(cell, List.of()), search, found, candidates);
                addReaching(wideAreasByTerm.getOrDefault(term, List.of()), search, found, candidates);
            }
        }
        return candidates;
    }

    private static void addReaching(List<Area> areas, CandidateSearch search, Set<RoutablePartner> found, List<RoutablePartner> candidates) {
        for (Area area : areas) {
            if (area.box().contains(search.coordinates()) && !found.contains(area.partner()) && search.reachesInArea(area.partner())) {
                found.add(area.partner());
                candidates.add(area.partner());
            }
        }
    }

    private static int latCell(double latitude) {
        return (int) Math.floor((latitude + 90) / CELL_DEGREES);
    }

    private static int lonCell(double longitude) {
        return (int) Math.floor((longitude + 180) / CELL_DEGREES);
    }

    private record Area(RoutablePartner partner, AreaBox box) {
    }
}

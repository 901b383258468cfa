package org.leadrelay.router.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.ServiceArea;

/**
 * The partners in memory, looked up per lead without visiting the others: by country and term, by
 * remote service, and by term and a grid of 5-degree cells over their service areas' bounding
 * boxes. Finds exactly the partners offering a term asked that cover the lead's country, deliver
 * every service asked remotely, or have a service area whose radius holds the lead (see
 * {@link CandidateSearch}), in a fixed order. Immutable
 * once built, so it can be shared by threads; a changed partner means a new index.
 *
 * <p>Partners are numbered by country, and a lead's candidates are gathered as a set of numbers
 * and returned in number order: the index's columns (arrays by partner number) hold one country's
 * partners side by side, so a decision reads its candidates' facts from a few stretches of memory,
 * front to back, rather than from all over the heap. The numbers are the index's own: the partners
 * ({@link RoutablePartner}) are made once per revision and shared by every index built from them.
 */
public final class PartnerIndex {

    private static final double CELL_DEGREES = 5;
    /** How many numbers {@link #areas} holds per service area. */
    static final int AREA_FIELDS = 4;
    private static final int LON_CELLS = (int) (360 / CELL_DEGREES) + 1;
    /** An area spanning more cells than this (near a pole, across the antimeridian, or huge) is checked for every lead. */
    private static final int MAX_CELLS_PER_AREA = 16;

    /** By number, the partners. */
    private final RoutablePartner[] partners;
    private final Map<String, int[]> byCountryAndTerm;
    /** By service, the partners delivering it remotely. */
    private final Map<String, long[]> deliveringRemotely = new HashMap<>();
    private final Map<String, Map<Integer, Area[]>> areasByTermAndCell;
    private final Map<String, Area[]> wideAreasByTerm;
    private final Map<UUID, Integer> ordinals = new HashMap<>();
    private volatile RoutingWeightsByNumber weightsByNumber;
    /** The partners taking leads. */
    private final long[] active;
    /** The partners with out-of-office periods, past, present or future. */
    private final long[] mayBeAway;
    /** By country, the partners covering all of it (listing none of its regions). */
    private final Map<String, long[]> coveringAll = new HashMap<>();
    /** By country, the partners covering only the regions of it they list. */
    private final Map<String, long[]> coveringRegions = new HashMap<>();
    /** By term, the partners offering it. */
    private final Map<String, long[]> offering = new HashMap<>();
    /** By language, the partners serving in it. */
    private final Map<String, long[]> speaking = new HashMap<>();
    /** By term, the partners holding a certification in it, valid or lapsed. */
    private final Map<String, long[]> certified = new HashMap<>();
    /** By term, the partners whose certification in it is valid on a day: worked out on the first decision of each day. */
    private final Map<String, ValidOn> certifiedOn = new ConcurrentHashMap<>();

    // By partner number, the facts every eligible partner is scored on, in arrays: a decision reads
    // them for its partners from a few stretches of memory, with no partner's object to visit.
    /** The partners' own id objects: a standings' answer keyed by them finds each as the same instance, without reading the partner. */
    private final UUID[] ids;
    private final long[] idHigh;
    private final long[] idLow;
    private final int[] capacity;
    /** The weekly capacity, or -1 for none. */
    private final int[] weeklyCapacity;
    /** Where each partner's service areas start in {@link #areas}; partner n's end where n + 1's start. */
    private final int[] areasFrom;
    /**
     * Every partner's service areas, in number order, {@link #AREA_FIELDS} numbers for each: its
     * centre's latitude in radians and that latitude's cosine, its longitude in degrees, its radius in km
     * (as {@link GreatCircle#km(double, double, double, double, double, double)} takes them).
     */
    private final double[] areas;

    private PartnerIndex(Collection<RoutablePartner> all) {
        List<RoutablePartner> byCountry = new ArrayList<>(all);
        byCountry.sort(BY_COUNTRY);
        partners = byCountry.toArray(RoutablePartner[]::new);
        active = Bits.of(partners.length);
        mayBeAway = Bits.of(partners.length);
        ids = Arrays.stream(partners).map(RoutablePartner::id).toArray(UUID[]::new);
        idHigh = new long[partners.length];
        idLow = new long[partners.length];
        capacity = new int[partners.length];
        weeklyCapacity = new int[partners.length];
        areasFrom = new int[partners.length + 1];
        int areaCount = 0;
        for (RoutablePartner partner : partners) {
            areaCount += partner.serviceAreas().size();
        }
        areas = new double[AREA_FIELDS * areaCount];
        for (int ordinal = 0; ordinal < partners.length; ordinal++) {
            RoutablePartner partner = partners[ordinal];
            idHigh[ordinal] = partner.id().getMostSignificantBits();
            idLow[ordinal] = partner.id().getLeastSignificantBits();
            capacity[ordinal] = partner.capacity();
            weeklyCapacity[ordinal] = partner.weeklyCapacityOrNone();
            int to = areasFrom[ordinal];
            for (int a = 0; a < partner.areas.length; a += 3) {
                double radians = Math.toRadians(partner.areas[a]);
                areas[to++] = radians;
                areas[to++] = Math.cos(radians);
                areas[to++] = partner.areas[a + 1];
                areas[to++] = partner.areas[a + 2];
            }
            areasFrom[ordinal + 1] = to;
            for (int t = 0; t < partner.terms.length; t++) {
                if (partner.certifiedThrough[t] != RoutablePartner.NOT_CERTIFIED) {
                    Bits.set(certified.computeIfAbsent(partner.terms[t], k -> Bits.of(partners.length)), ordinal);
                }
            }
            ordinals.put(partner.id(), ordinal);
            if (partner.takesLeads()) {
                Bits.set(active, ordinal);
            }
            if (partner.mayBeAway) {
                Bits.set(mayBeAway, ordinal);
            }
            for (String country : partner.countryWords) {
                boolean listsRegionsThere = partner.regions().stream()
                        .anyMatch(region -> CoveragePolicy.isRegionOf(region, country));
                Map<String, long[]> covering = listsRegionsThere ? coveringRegions : coveringAll;
                Bits.set(covering.computeIfAbsent(country, k -> Bits.of(partners.length)), ordinal);
            }
            for (String term : partner.terms) {
                Bits.set(offering.computeIfAbsent(term, k -> Bits.of(partners.length)), ordinal);
            }
            for (String language : partner.languageWords) {
                Bits.set(speaking.computeIfAbsent(language, k -> Bits.of(partners.length)), ordinal);
            }
        }
        Map<String, List<Integer>> countryTerms = new HashMap<>();
        Map<String, Map<Integer, List<Area>>> cellAreas = new HashMap<>();
        Map<String, List<Area>> wideAreas = new HashMap<>();
        for (int ordinal = 0; ordinal < partners.length; ordinal++) {
            RoutablePartner partner = partners[ordinal];
            for (String key : CandidateSearch.countryTermsOf(partner)) {
                countryTerms.computeIfAbsent(key, k -> new ArrayList<>()).add(ordinal);
            }
            for (String service : partner.remoteWords) {
                Bits.set(deliveringRemotely.computeIfAbsent(service, k -> Bits.of(partners.length)), ordinal);
            }
            if (partner.serviceAreas().isEmpty()) {
                continue;
            }
            List<String> terms = CandidateSearch.termsOf(partner);
            for (ServiceArea served : partner.serviceAreas()) {
                Area area = new Area(ordinal, AreaBox.around(served));
                int fromLat = latCell(area.box().minLat());
                int toLat = latCell(area.box().maxLat());
                int fromLon = lonCell(area.box().minLon());
                int toLon = lonCell(area.box().maxLon());
                boolean wide = (toLat - fromLat + 1) * (toLon - fromLon + 1) > MAX_CELLS_PER_AREA;
                for (String term : terms) {
                    if (wide) {
                        wideAreas.computeIfAbsent(term, k -> new ArrayList<>()).add(area);
                        continue;
                    }
                    Map<Integer, List<Area>> cells = cellAreas.computeIfAbsent(term, k -> new HashMap<>());
                    for (int lat = fromLat; lat <= toLat; lat++) {
                        for (int lon = fromLon; lon <= toLon; lon++) {
                            cells.computeIfAbsent(lat * LON_CELLS + lon, k -> new ArrayList<>()).add(area);
                        }
                    }
                }
            }
        }
        byCountryAndTerm = ordinals(countryTerms);
        areasByTermAndCell = new HashMap<>();
        cellAreas.forEach((term, cells) -> {
            Map<Integer, Area[]> byCell = new HashMap<>();
            cells.forEach((cell, areas) -> byCell.put(cell, areas.toArray(Area[]::new)));
            areasByTermAndCell.put(term, byCell);
        });
        wideAreasByTerm = new HashMap<>();
        wideAreas.forEach((term, areas) -> wideAreasByTerm.put(term, areas.toArray(Area[]::new)));
    }

    private static Map<String, int[]> ordinals(Map<String, List<Integer>> lists) {
        Map<String, int[]> arrays = new HashMap<>(lists.size() * 2);
        lists.forEach((key, list) -> arrays.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
        return arrays;
    }

    /**
     * Each partner's routing weight under these weights, by number: worked out once per index and
     * set of weights rather than looked up by tier for every candidate of every lead.
     */
    double[] routingWeights(RoutingWeights weights, ToDoubleFunction<RoutablePartner> weightOf) {
        RoutingWeightsByNumber cached = weightsByNumber;
        if (cached == null || cached.weights() != weights) {
            double[] byNumber = new double[partners.length];
            for (int i = 0; i < byNumber.length; i++) {
                byNumber[i] = weightOf.applyAsDouble(partners[i]);
            }
            cached = new RoutingWeightsByNumber(weights, byNumber);
            weightsByNumber = cached;
        }
        return cached.byNumber();
    }

    private record RoutingWeightsByNumber(RoutingWeights weights, double[] byNumber) {
    }

    /** The partner with that number. */
    RoutablePartner partner(int ordinal) {
        return partners[ordinal];
    }

    /** The id of the partner with that number: its own {@link RoutablePartner#id()}. */
    UUID id(int ordinal) {
        return ids[ordinal];
    }

    long idHigh(int ordinal) {
        return idHigh[ordinal];
    }

    long idLow(int ordinal) {
        return idLow[ordinal];
    }

    int capacity(int ordinal) {
        return capacity[ordinal];
    }

    /** The weekly capacity, or -1 for none. */
    int weeklyCapacity(int ordinal) {
        return weeklyCapacity[ordinal];
    }

    /** Where the partner's service areas start in {@link #areas()}; they end where the next partner's start. */
    int areasFrom(int ordinal) {
        return areasFrom[ordinal];
    }

    /** Every partner's service areas, {@link #AREA_FIELDS} numbers for each (see the field); not to be changed. */
    double[] areas() {
        return areas;
    }

    /**
     * The partners holding a certification in the term that is valid on the day ({@link
     * RoutablePartner#level}), or null for none. Worked out once per term and day, then kept.
     */
    long[] certifiedOn(String term, long epochDay) {
        ValidOn known = certifiedOn.get(term);
        if (known != null && known.epochDay() == epochDay) {
            return known.partners();
        }
        long[] holding = certified.get(term);
        long[] valid = null;
        if (holding != null) {
            valid = Bits.of(partners.length);
            for (int word = 0; word < holding.length; word++) {
                for (long bits = holding[word]; bits != 0; bits &= bits - 1) {
                    int ordinal = (word << 6) + Long.numberOfTrailingZeros(bits);
                    RoutablePartner partner = partners[ordinal];
                    if (partner.certifiedThrough[RoutablePartner.indexOf(partner.terms, term)] >= epochDay) {
                        Bits.set(valid, ordinal);
                    }
                }
            }
        }
        certifiedOn.put(term, new ValidOn(epochDay, valid));
        return valid;
    }

    private record ValidOn(long epochDay, long[] partners) {
    }

    /** Every partner the index holds, in number order. */
    public List<RoutablePartner> partners() {
        return List.of(partners);
    }

    /** The partner with that id, or null when the index does not hold it. */
    public RoutablePartner partnerWithId(UUID partnerId) {
        Integer ordinal = ordinals.get(partnerId);
        return ordinal == null ? null : partners[ordinal];
    }

    /** The number of the partner with that id, or -1 when the index does not hold it. */
    int ordinalOf(UUID partnerId) {
        Integer ordinal = ordinals.get(partnerId);
        return ordinal == null ? -1 : ordinal;
    }

    long[] active() {
        return active;
    }

    long[] mayBeAway() {
        return mayBeAway;
    }

    /** The partners covering only the regions of the country they list, or null for none. */
    long[] coveringRegions(String country) {
        return coveringRegions.get(country);
    }

    /** The partners delivering every one of the services remotely: a new set, or null for none (no services: none). */
    long[] deliveringRemotely(List<String> services) {
        long[] remote = null;
        for (String service : services) {
            long[] delivering = deliveringRemotely.get(service);
            if (delivering == null) {
                return null;
            }
            remote = remote == null ? delivering.clone() : and(remote, delivering);
        }
        return remote;
    }

    /**
     * Whether one of the partner's service areas holds the point (latitude in radians, its cosine,
     * longitude in degrees), from the index's columns: as {@link RoutablePartner#reaches} answers.
     */
    boolean reaches(int ordinal, double radians, double cosine, double longitude) {
        for (int i = areasFrom[ordinal]; i < areasFrom[ordinal + 1]; i += AREA_FIELDS) {
            if (GreatCircle.km(areas[i], areas[i + 1], areas[i + 2], radians, cosine, longitude) <= areas[i + 3]) {
                return true;
            }
        }
        return false;
    }

    /** The partners covering all of the country, or null for none. */
    long[] coveringAll(String country) {
        return coveringAll.get(country);
    }

    /** The partners offering the term, or null for none. */
    long[] offering(String term) {
        return offering.get(term);
    }

    /** The partners serving in the language, or null for none. */
    long[] speaking(String language) {
        return language == null ? null : speaking.get(language);
    }

    public static PartnerIndex of(Collection<RoutablePartner> partners) {
        return new PartnerIndex(partners);
    }

    /** How many partners the index holds. */
    public int size() {
        return partners.length;
    }

    /** The lead's candidates, as {@link RoutingPolicy#decideAmong} takes them. */
    public Found find(LeadReceived lead) {
        return find(CandidateSearch.of(lead));
    }

    /** Every partner of the index as a candidate, as {@link RoutingPolicy#decide} takes a list of partners. */
    Found all() {
        long[] every = Bits.of(partners.length);
        for (int ordinal = 0; ordinal < partners.length; ordinal++) {
            Bits.add(every, ordinal);
        }
        return new Found(this, every, partners.length);
    }

    /** The lead's candidates, in number order. */
    public List<RoutablePartner> candidatesFor(LeadReceived lead) {
        return candidatesFor(CandidateSearch.of(lead));
    }

    public List<RoutablePartner> candidatesFor(CandidateSearch search) {
        return find(search).partners();
    }

    public Found find(CandidateSearch search) {
        // one bit per partner: which ones are candidates
        long[] found = Bits.of(partners.length);
        int count = 0;
        for (String key : search.countryTerms()) {
            int[] ordinals = byCountryAndTerm.get(key);
            if (ordinals != null) {
                for (int ordinal : ordinals) {
                    count += Bits.add(found, ordinal) ? 1 : 0;
                }
            }
        }
        // delivering every service asked remotely, and offering a term asked: sets, not partners, are read
        long[] remote = deliveringRemotely(search.services());
        if (remote != null) {
            long[] offeringAny = Bits.union(remote.length, search.terms().stream().map(offering::get).toArray(long[][]::new));
            for (int i = 0; i < remote.length; i++) {
                long added = remote[i] & offeringAny[i] & ~found[i];
                found[i] |= added;
                count += Long.bitCount(added);
            }
        }
        Coordinates at = search.coordinates();
        if (at != null) {
            int cell = latCell(at.latitude()) * LON_CELLS + lonCell(at.longitude());
            for (String term : search.terms()) {
                Map<Integer, Area[]> cells = areasByTermAndCell.get(term);
                count += markReaching(cells == null ? null : cells.get(cell), search, found);
                count += markReaching(wideAreasByTerm.get(term), search, found);
            }
        }
        return new Found(this, found, count);
    }

    /** A lead's candidates in the index: a set of partner numbers. */
    public static final class Found {

        private final PartnerIndex index;
        private final long[] bits;
        private final int size;
        private List<RoutablePartner> partners;

        private Found(PartnerIndex index, long[] bits, int size) {
            this.index = index;
            this.bits = bits;
            this.size = size;
        }

        PartnerIndex index() {
            return index;
        }

        /** The set, as {@link Bits}; not to be changed. */
        long[] bits() {
            return bits;
        }

        public int size() {
            return size;
        }

        /** The candidates, in number order. */
        public List<RoutablePartner> partners() {
            if (partners == null) {
                RoutablePartner[] found = new RoutablePartner[size];
                int next = 0;
                for (int word = 0; word < bits.length; word++) {
                    for (long set = bits[word]; set != 0; set &= set - 1) {
                        found[next++] = index.partners[(word << 6) + Long.numberOfTrailingZeros(set)];
                    }
                }
                partners = Collections.unmodifiableList(Arrays.asList(found));
            }
            return partners;
        }
    }

    private int markReaching(Area[] areas, CandidateSearch search, long[] found) {
        if (areas == null) {
            return 0;
        }
        int marked = 0;
        for (Area area : areas) {
            if (area.box().contains(search.coordinates()) && !Bits.has(found, area.ordinal())
                    && search.reachesInArea(partners[area.ordinal()])) {
                marked += Bits.add(found, area.ordinal()) ? 1 : 0;
            }
        }
        return marked;
    }

    private static int latCell(double latitude) {
        return (int) Math.floor((latitude + 90) / CELL_DEGREES);
    }

    private static int lonCell(double longitude) {
        return (int) Math.floor((longitude + 180) / CELL_DEGREES);
    }

    private static long[] and(long[] into, long[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] &= other[i];
        }
        return into;
    }

    /** By first country, then id: a country's partners get neighbouring numbers, and the numbering does not depend on the input's order. */
    private static final Comparator<RoutablePartner> BY_COUNTRY = Comparator
            .comparing((RoutablePartner partner) -> partner.countries().isEmpty() ? "" : partner.countries().get(0))
            .thenComparing(RoutablePartner::id);

    /** A service area of the partner with that ordinal. */
    private record Area(int ordinal, AreaBox box) {
    }
}

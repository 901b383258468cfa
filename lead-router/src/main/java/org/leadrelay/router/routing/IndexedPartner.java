package org.leadrelay.router.routing;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.ServiceArea;

/**
 * A partner as the rules and the scoring read it: the facts checked for every candidate of every
 * lead, worked out once when the {@link PartnerIndex} is built, in one object and a few arrays
 * allocated together, with the directory's words shared ({@link String#intern}). Checking hundreds
 * of candidates per lead then reads a few hundred bytes per partner that sit side by side, instead
 * of chasing a dozen lists, records and strings across the heap: on a machine whose caches are
 * shared with other work, those scattered reads, not the arithmetic, were what a decision cost
 * (docs/performance.md). The wording of reasons still reads the {@link #partner() partner} itself.
 */
public final class IndexedPartner {

    /** {@link #certifiedThrough} of a term without a certification. */
    static final long NOT_CERTIFIED = Long.MIN_VALUE;

    private final RoutablePartner partner;
    /** Its number in the {@link PartnerIndex} that built it, -1 outside an index. */
    final int ordinal;
    /** The partner's id, a copy allocated with the rest, so reading it touches no other object. */
    private final UUID id;
    final long idHigh;
    final long idLow;
    final boolean active;
    final boolean mayBeAway;
    final boolean listsRegions;
    final String[] countries;
    /** Every term the partner offers: its specialities and its expertise. */
    final String[] terms;
    /** Per term, the last day (epoch day) a certification in it is valid; {@link #NOT_CERTIFIED} without one. */
    final long[] certifiedThrough;
    final String[] remoteServices;
    final String[] languages;
    /** Per service area: latitude, longitude and radius in km. */
    final double[] areas;
    final int capacity;
    /** The weekly capacity, or -1 for none. */
    final int weeklyCapacity;
    /** Its own routing weight, or NaN for its tier's. */
    final double routingWeight;
    final String tier;

    private IndexedPartner(RoutablePartner partner, int ordinal) {
        this.partner = partner;
        this.ordinal = ordinal;
        this.idHigh = partner.id().getMostSignificantBits();
        this.idLow = partner.id().getLeastSignificantBits();
        this.id = new UUID(idHigh, idLow);
        this.active = partner.takesLeads();
        this.mayBeAway = partner.availability() != null && !partner.availability().outOfOffice().isEmpty();
        this.listsRegions = !partner.regions().isEmpty();
        this.countries = shared(partner.countries());
        Map<String, Long> offered = new LinkedHashMap<>();
        for (String speciality : partner.specialities()) {
            offered.putIfAbsent(speciality, NOT_CERTIFIED);
        }
        for (Expertise expertise : partner.expertise()) {
            long through = !Expertise.CERTIFIED.equals(expertise.level()) ? NOT_CERTIFIED
                    : expertise.certifiedUntil() == null ? Long.MAX_VALUE : expertise.certifiedUntil().toEpochDay();
            offered.merge(expertise.term(), through, Math::max);
        }
        this.terms = shared(List.copyOf(offered.keySet()));
        this.certifiedThrough = offered.values().stream().mapToLong(Long::longValue).toArray();
        this.remoteServices = shared(partner.remoteServices());
        this.languages = shared(partner.languages());
        List<ServiceArea> served = partner.serviceAreas();
        this.areas = new double[served.size() * 3];
        for (int i = 0; i < served.size(); i++) {
            areas[3 * i] = served.get(i).centre().latitude();
            areas[3 * i + 1] = served.get(i).centre().longitude();
            areas[3 * i + 2] = served.get(i).radiusKm();
        }
        this.capacity = partner.capacity();
        this.weeklyCapacity = partner.weeklyCapacity() == null ? -1 : partner.weeklyCapacity();
        this.routingWeight = partner.routingWeight() == null ? Double.NaN : partner.routingWeight();
        this.tier = partner.tier() == null ? null : partner.tier().intern();
    }

    public static IndexedPartner of(RoutablePartner partner) {
        return new IndexedPartner(partner, -1);
    }

    static IndexedPartner numbered(RoutablePartner partner, int ordinal) {
        return new IndexedPartner(partner, ordinal);
    }

    public RoutablePartner partner() {
        return partner;
    }

    public UUID id() {
        return id;
    }

    private static String[] shared(List<String> words) {
        String[] shared = new String[words.size()];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = words.get(i).intern();
        }
        return shared;
    }

    /**
     * Whether the word is among the words, compared by identity: both are {@link String#intern
     * interned} (the index's words here, the lead's by {@link RoutedLead} and {@link CandidateSearch}),
     * so equal words are the same instance and no string is read.
     */
    static boolean has(String[] words, String word) {
        return indexOf(words, word) >= 0;
    }

    static int indexOf(String[] words, String word) {
        for (int i = 0; i < words.length; i++) {
            if (words[i] == word) {
                return i;
            }
        }
        return -1;
    }

    boolean offers(String term) {
        return has(terms, term);
    }

    /**
     * How well the partner knows the term on that day: a valid certification in any of its entries;
     * else a lapsed one; else experience, in its expertise or among its specialities; else none.
     */
    SpecialityFit.Level level(String term, LocalDate today) {
        int at = indexOf(terms, term);
        if (at < 0) {
            return SpecialityFit.Level.NONE;
        }
        long through = certifiedThrough[at];
        return through == NOT_CERTIFIED ? SpecialityFit.Level.EXPERIENCED
                : through >= today.toEpochDay() ? SpecialityFit.Level.CERTIFIED : SpecialityFit.Level.LAPSED;
    }

    /** The distance from the lead to the nearest service area's centre, in km; infinite without areas. */
    double nearestAreaKm(double latitude, double longitude) {
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < areas.length; i += 3) {
            nearest = Math.min(nearest, GreatCircle.km(areas[i], areas[i + 1], latitude, longitude));
        }
        return nearest;
    }

    /** Whether a service area's radius holds the point. */
    boolean reaches(double latitude, double longitude) {
        for (int i = 0; i < areas.length; i += 3) {
            if (GreatCircle.km(areas[i], areas[i + 1], latitude, longitude) <= areas[i + 2]) {
                return true;
            }
        }
        return false;
    }

    /** Whether the partner delivers every one of the services remotely (none asked: no). */
    boolean deliversRemotely(List<String> services) {
        if (services.isEmpty()) {
            return false;
        }
        for (int i = 0; i < services.size(); i++) {
            if (!has(remoteServices, services.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "IndexedPartner[" + partner.name() + " (" + partner.id() + ")]";
    }
}

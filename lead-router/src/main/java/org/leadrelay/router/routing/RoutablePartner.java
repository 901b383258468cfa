package org.leadrelay.router.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.ServiceArea;

/**
 * A partner as the router knows it, the one shape routing, operators' views and answers read: the
 * routing part of {@link PartnerUpserted}, field for field (see it for their meaning), and what the
 * rules and the scoring read of it for every candidate of every lead, worked out once when the
 * partner is made (from each revision of the event, not from each index): its words shared
 * ({@link String#intern}) in arrays, each term's certification as a day number, its service areas
 * as plain numbers. Checking hundreds of candidates then reads a few arrays per partner instead of
 * chasing lists, records and strings across the heap: on a machine whose caches are shared with
 * other work, those scattered reads, not the arithmetic, were what a decision cost
 * (docs/performance.md). Index-independent: a {@link PartnerIndex} numbers its partners itself, so
 * one partner serves every index built while its revision holds. Immutable; equal when the facts
 * are.
 */
public final class RoutablePartner {

    /** {@link #certifiedThrough} of a term without a certification. */
    static final long NOT_CERTIFIED = Long.MIN_VALUE;

    private final UUID id;
    private final String name;
    private final String tier;
    private final List<String> countries;
    private final List<String> specialities;
    private final List<String> languages;
    private final int capacity;
    private final boolean active;
    private final long revision;
    private final String status;
    private final Double routingWeight;
    private final List<Expertise> expertise;
    private final List<String> regions;
    private final List<ServiceArea> serviceAreas;
    private final List<String> remoteServices;
    private final Integer weeklyCapacity;
    private final Availability availability;
    private final Duration answerDeadline;

    // What the rules and components read, worked out from the facts above. The words are interned
    // (the lead's are too, by RoutedLead and CandidateSearch), so they are compared by identity.
    private final boolean takesLeads;
    /** Whether it has out-of-office periods, past, present or future. */
    final boolean mayBeAway;
    final boolean listsRegions;
    /** {@link #countries()}, interned. */
    final String[] countryWords;
    /** Every term the partner offers, interned: its specialities, then the terms of its expertise not among them. */
    final String[] terms;
    /** Per term, the last day (epoch day) a certification in it is valid; {@link #NOT_CERTIFIED} without one. */
    final long[] certifiedThrough;
    /** {@link #remoteServices()}, interned. */
    final String[] remoteWords;
    /** {@link #languages()}, interned. */
    final String[] languageWords;
    /** Per service area: latitude, longitude and radius in km. */
    final double[] areas;

    /**
     * A partner from its facts, as {@link PartnerUpserted} names them; the fields added to the event
     * later may be null (a copy kept by an earlier version), and read as none.
     *
     * @param active         whether the partner takes leads, as the first version of the event said;
     *                       {@code status} decides, this only fills a status missing from an older copy
     * @param routingWeight  the partner's weight in routing, null when the directory gave none
     * @param weeklyCapacity how many new leads a week at most, null for no weekly cap
     * @param availability   time zone, business hours and out-of-office periods, null when unknown
     * @param answerDeadline the partner's own deadline to answer an offer, null for the default
     */
    public RoutablePartner(UUID id, String name, String tier, List<String> countries, List<String> specialities,
            List<String> languages, int capacity, boolean active, long revision, String status, Double routingWeight,
            List<Expertise> expertise, List<String> regions, List<ServiceArea> serviceAreas, List<String> remoteServices,
            Integer weeklyCapacity, Availability availability, Duration answerDeadline) {
        this.id = id;
        this.name = name;
        this.tier = tier == null ? null : tier.intern();
        this.countryWords = shared(countries);
        this.countries = List.of(countryWords);
        this.specialities = List.of(shared(specialities));
        this.languageWords = shared(languages);
        this.languages = List.of(languageWords);
        this.capacity = capacity;
        this.active = active;
        this.revision = revision;
        this.status = status == null ? (active ? PartnerUpserted.ACTIVE : "PAUSED") : status;
        this.routingWeight = routingWeight;
        this.expertise = expertise == null ? List.of() : List.copyOf(expertise);
        this.regions = regions == null ? List.of() : List.copyOf(regions);
        this.serviceAreas = serviceAreas == null ? List.of() : List.copyOf(serviceAreas);
        this.remoteWords = shared(remoteServices == null ? List.of() : remoteServices);
        this.remoteServices = List.of(remoteWords);
        this.weeklyCapacity = weeklyCapacity;
        this.availability = availability;
        this.answerDeadline = answerDeadline;

        this.takesLeads = PartnerUpserted.ACTIVE.equals(this.status);
        this.mayBeAway = availability != null && !availability.outOfOffice().isEmpty();
        this.listsRegions = !this.regions.isEmpty();
        Map<String, Long> offered = new LinkedHashMap<>();
        for (String speciality : this.specialities) {
            offered.putIfAbsent(speciality, NOT_CERTIFIED);
        }
        for (Expertise each : this.expertise) {
            long through = !Expertise.CERTIFIED.equals(each.level()) ? NOT_CERTIFIED
                    : each.certifiedUntil() == null ? Long.MAX_VALUE : each.certifiedUntil().toEpochDay();
            offered.merge(each.term().intern(), through, Math::max);
        }
        this.terms = offered.keySet().toArray(String[]::new);
        this.certifiedThrough = offered.values().stream().mapToLong(Long::longValue).toArray();
        this.areas = new double[this.serviceAreas.size() * 3];
        for (int i = 0; i < this.serviceAreas.size(); i++) {
            ServiceArea area = this.serviceAreas.get(i);
            areas[3 * i] = area.centre().latitude();
            areas[3 * i + 1] = area.centre().longitude();
            areas[3 * i + 2] = area.radiusKm();
        }
    }

    /** The partner as the event describes it: how the router makes its partners. */
    public static RoutablePartner from(PartnerUpserted event) {
        return new RoutablePartner(event.partnerId(), event.name(), event.tier(), event.countries(), event.specialities(),
                event.languages(), event.capacity(), event.active(), event.revision(), event.status(),
                event.routingWeight(), event.expertise(), event.regions(), event.serviceAreas(), event.remoteServices(),
                event.weeklyCapacity(), event.availability(), event.answerDeadline());
    }

    private static String[] shared(List<String> words) {
        String[] shared = new String[words.size()];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = words.get(i).intern();
        }
        return shared;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String tier() {
        return tier;
    }

    public List<String> countries() {
        return countries;
    }

    public List<String> specialities() {
        return specialities;
    }

    public List<String> languages() {
        return languages;
    }

    public int capacity() {
        return capacity;
    }

    /** Whether the partner takes leads, as the first version of the event said: {@link #takesLeads()} decides. */
    public boolean active() {
        return active;
    }

    public long revision() {
        return revision;
    }

    public String status() {
        return status;
    }

    /** The partner's weight in routing, null when the directory gave none (its tier's then). */
    public Double routingWeight() {
        return routingWeight;
    }

    public List<Expertise> expertise() {
        return expertise;
    }

    public List<String> regions() {
        return regions;
    }

    public List<ServiceArea> serviceAreas() {
        return serviceAreas;
    }

    public List<String> remoteServices() {
        return remoteServices;
    }

    /** How many new leads a week at most, null for no weekly cap. */
    public Integer weeklyCapacity() {
        return weeklyCapacity;
    }

    /** Time zone, business hours and out-of-office periods, null when unknown. */
    public Availability availability() {
        return availability;
    }

    /** The partner's own deadline to answer an offer, null for the default. */
    public Duration answerDeadline() {
        return answerDeadline;
    }

    /** Whether the partner takes leads at all: its status is {@code ACTIVE}. */
    public boolean takesLeads() {
        return takesLeads;
    }

    /** Whether the partner is out of office at that instant. */
    public boolean absentAt(Instant instant) {
        return availability != null && availability.absentAt(instant);
    }

    /** The weekly capacity, or -1 for none. */
    int weeklyCapacityOrNone() {
        return weeklyCapacity == null ? -1 : weeklyCapacity;
    }

    /**
     * Whether the word is among the words, compared by identity: both are {@link String#intern
     * interned} (the partner's here, the lead's by {@link RoutedLead} and {@link CandidateSearch}),
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
            if (!has(remoteWords, services.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoutablePartner that && capacity == that.capacity && active == that.active && revision == that.revision
                && Objects.equals(id, that.id) && Objects.equals(name, that.name) && Objects.equals(tier, that.tier)
                && countries.equals(that.countries) && specialities.equals(that.specialities) && languages.equals(that.languages)
                && status.equals(that.status) && Objects.equals(routingWeight, that.routingWeight) && expertise.equals(that.expertise)
                && regions.equals(that.regions) && serviceAreas.equals(that.serviceAreas) && remoteServices.equals(that.remoteServices)
                && Objects.equals(weeklyCapacity, that.weeklyCapacity) && Objects.equals(availability, that.availability)
                && Objects.equals(answerDeadline, that.answerDeadline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, tier, countries, specialities, languages, capacity, active, revision, status, routingWeight,
                expertise, regions, serviceAreas, remoteServices, weeklyCapacity, availability, answerDeadline);
    }

    @Override
    public String toString() {
        return "RoutablePartner[id=" + id + ", name=" + name + ", tier=" + tier + ", countries=" + countries + ", specialities="
                + specialities + ", languages=" + languages + ", capacity=" + capacity + ", active=" + active + ", revision=" + revision
                + ", status=" + status + ", routingWeight=" + routingWeight + ", expertise=" + expertise + ", regions=" + regions
                + ", serviceAreas=" + serviceAreas + ", remoteServices=" + remoteServices + ", weeklyCapacity=" + weeklyCapacity
                + ", availability=" + availability + ", answerDeadline=" + answerDeadline + "]";
    }
}

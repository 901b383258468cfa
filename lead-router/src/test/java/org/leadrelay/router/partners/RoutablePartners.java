package org.leadrelay.router.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.testing.LeadKeyServer;

/** Partners and leads for the candidate lookup tests, and the full scan they are checked against. */
public final class RoutablePartners {

    public static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    public static final Coordinates LILLE = new Coordinates(50.6292, 3.0573);
    public static final Coordinates TOURNAI = new Coordinates(50.6056, 3.3886);
    public static final Coordinates LYON = new Coordinates(45.764, 4.8357);

    private RoutablePartners() {
    }

    /** Whether a full scan finds the partner relevant to the lead, by the coverage and speciality rules' own definitions. */
    public static boolean relevant(RoutablePartner partner, LeadReceived lead) {
        List<String> asked = new ArrayList<>();
        lead.need().products().forEach(term -> asked.add(term.toLowerCase()));
        List<String> services = lead.need().services().stream().map(String::toLowerCase).toList();
        asked.addAll(services);
        boolean offers = asked.stream().anyMatch(term -> partner.specialities().contains(term)
                || partner.expertise().stream().anyMatch(expertise -> expertise.term().equals(term)));
        boolean covers = partner.countries().contains(lead.location().country());
        boolean remote = !services.isEmpty() && partner.remoteServices().containsAll(services);
        Coordinates at = lead.location().coordinates();
        boolean inArea = at != null && partner.serviceAreas().stream().anyMatch(area -> km(area.centre(), at) <= area.radiusKm());
        return offers && (covers || remote || inArea);
    }

    public static double km(Coordinates a, Coordinates b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double h = Math.pow(Math.sin((lat2 - lat1) / 2), 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(Math.toRadians(b.longitude() - a.longitude()) / 2), 2);
        return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The point {@code km} from {@code from} along the bearing (radians), on the same sphere. */
    public static Coordinates pointAt(Coordinates from, double km, double bearing) {
        double angle = km / 6371.0088;
        double lat1 = Math.toRadians(from.latitude());
        double lon1 = Math.toRadians(from.longitude());
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(bearing));
        double lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(lat1), Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2));
        double lon = Math.toDegrees(lon2);
        lon = ((lon + 540) % 360) - 180;
        return new Coordinates(Math.max(-90, Math.min(90, Math.toDegrees(lat2))), lon);
    }

    public static final List<String> COUNTRIES = List.of("FR", "DE", "BE", "US", "CA", "NZ", "FJ", "RU", "NO", "AQ");
    public static final List<String> TERMS = List.of("postgresql", "java", "kafka", "linux", "migration", "support", "training", "audit");
    public static final List<String> SERVICES = List.of("migration", "support", "training", "audit");

    public static RoutablePartner randomPartner(Random random, int i) {
        List<String> countries = new ArrayList<>(pick(random, COUNTRIES, 1 + random.nextInt(2)));
        List<String> terms = pick(random, TERMS, 1 + random.nextInt(3));
        List<String> specialities = random.nextInt(4) == 0 ? List.of() : terms;
        List<Expertise> expertise = specialities.isEmpty() || random.nextInt(3) == 0
                ? terms.stream().map(term -> new Expertise("PRODUCT", term, Expertise.EXPERIENCED, null)).toList()
                : List.of();
        List<ServiceArea> areas = new ArrayList<>();
        for (int a = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0; a > 0; a--) {
            areas.add(new ServiceArea(null, randomPlace(random), 5 + random.nextDouble() * (random.nextInt(20) == 0 ? 3000 : 400)));
        }
        List<String> remote = random.nextInt(5) == 0 ? pick(random, SERVICES, 1 + random.nextInt(3)) : List.of();
        return partner("Partner " + i, countries, specialities, expertise, areas, remote);
    }

    public static LeadReceived randomLead(Random random, int i) {
        List<String> products = pick(random, TERMS.subList(0, 4), 1 + random.nextInt(2)).stream()
                .map(term -> random.nextBoolean() ? term.toUpperCase() : term).toList();
        List<String> services = random.nextInt(3) == 0 ? List.of() : pick(random, SERVICES, 1 + random.nextInt(2));
        return lead(COUNTRIES.get(random.nextInt(COUNTRIES.size())), products, services, random.nextInt(5) == 0 ? null : randomPlace(random));
    }

    /** Clustered around a few places, some at the poles and on the antimeridian, so areas and leads meet. */
    public static Coordinates randomPlace(Random random) {
        List<Coordinates> hubs = List.of(LYON, LILLE, new Coordinates(40.71, -74.0), new Coordinates(-17.7, 179.9),
                new Coordinates(65.0, -179.5), new Coordinates(89.5, 10), new Coordinates(-89.0, -100), new Coordinates(0, 0));
        Coordinates hub = hubs.get(random.nextInt(hubs.size()));
        return pointAt(hub, random.nextDouble() * 600, random.nextDouble() * 2 * Math.PI);
    }

    public static List<String> pick(Random random, List<String> from, int count) {
        List<String> picked = new ArrayList<>();
        while (picked.size() < Math.min(count, from.size())) {
            String one = from.get(random.nextInt(from.size()));
            if (!picked.contains(one)) {
                picked.add(one);
            }
        }
        return picked;
    }

    public static RoutablePartner partner(String name, List<String> countries, List<String> specialities) {
        return partner(name, countries, specialities, List.of(), List.of(), List.of());
    }

    public static RoutablePartner partner(String name, List<String> countries, List<String> specialities, List<Expertise> expertise,
            List<ServiceArea> areas, List<String> remote) {
        return new RoutablePartner(UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), name, "GOLD",
                countries, specialities, List.of("fr", "en"), 5, true, 1, "ACTIVE", null, expertise, List.of(), areas, remote, null, null,
                null);
    }

    public static LeadReceived lead(String country, List<String> products, List<String> services, Coordinates at) {
        return new LeadReceived(UUID.randomUUID(), LeadKeyServer.seal(UUID.randomUUID(), new Contact("Camille Martin", "camille@example.fr", null, null), null),
                new Need(products, services, null), new Location(country, null, null, null, at), "fr", 50,
                new Consent("partner-contact-v1", NOW), "website-form", NOW);
    }

}

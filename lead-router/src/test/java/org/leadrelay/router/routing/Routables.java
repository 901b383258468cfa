package org.leadrelay.router.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.Absence;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.Environment;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.testing.LeadKeyServer;

/** Partners and leads for the routing tests, built field by field from sensible defaults. */
final class Routables {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final Coordinates LYON = new Coordinates(45.764, 4.8357);
    static final Coordinates VILLEURBANNE = new Coordinates(45.7719, 4.8902);
    static final Coordinates GRENOBLE = new Coordinates(45.1885, 5.7245);
    static final Coordinates PARIS = new Coordinates(48.8566, 2.3522);
    static final Coordinates LILLE = new Coordinates(50.6292, 3.0573);
    static final Coordinates TOURNAI = new Coordinates(50.6056, 3.3886);

    private Routables() {
    }

    static PartnerBuilder partner(String name) {
        return new PartnerBuilder(name);
    }

    static LeadBuilder lead() {
        return new LeadBuilder();
    }

    /** A PostgreSQL migration for a French-speaking customer in Lyon, Auvergne-Rhône-Alpes. */
    static LeadBuilder postgresMigrationInLyon() {
        return lead();
    }

    static final class PartnerBuilder {

        private UUID id;
        private final String name;
        private String tier = "GOLD";
        private List<String> countries = List.of("FR");
        private final List<String> specialities = new ArrayList<>(List.of("postgresql", "migration"));
        private final List<Expertise> expertise = new ArrayList<>();
        private List<String> languages = List.of("fr");
        private int capacity = 5;
        private String status = "ACTIVE";
        private Double routingWeight;
        private List<String> regions = List.of();
        private final List<ServiceArea> serviceAreas = new ArrayList<>();
        private List<String> remoteServices = List.of();
        private Integer weeklyCapacity;
        private Availability availability;

        PartnerBuilder(String name) {
            this.name = name;
            this.id = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        PartnerBuilder id(UUID changed) {
            id = changed;
            return this;
        }

        PartnerBuilder tier(String changed) {
            tier = changed;
            return this;
        }

        PartnerBuilder countries(String... changed) {
            countries = List.of(changed);
            return this;
        }

        PartnerBuilder regions(String... changed) {
            regions = List.of(changed);
            return this;
        }

        /** Experience (no level given) in these terms, replacing the default postgresql and migration. */
        PartnerBuilder specialities(String... changed) {
            specialities.clear();
            specialities.addAll(List.of(changed));
            expertise.clear();
            return this;
        }

        PartnerBuilder certified(String term, LocalDate until) {
            addSpeciality(term);
            expertise.add(new Expertise("PRODUCT", term, Expertise.CERTIFIED, until));
            return this;
        }

        PartnerBuilder experienced(String term) {
            addSpeciality(term);
            expertise.add(new Expertise("PRODUCT", term, Expertise.EXPERIENCED, null));
            return this;
        }

        private void addSpeciality(String term) {
            if (!specialities.contains(term)) {
                specialities.add(term);
            }
        }

        PartnerBuilder languages(String... changed) {
            languages = List.of(changed);
            return this;
        }

        PartnerBuilder capacity(int changed) {
            capacity = changed;
            return this;
        }

        PartnerBuilder weeklyCapacity(Integer changed) {
            weeklyCapacity = changed;
            return this;
        }

        PartnerBuilder status(String changed) {
            status = changed;
            return this;
        }

        PartnerBuilder routingWeight(Double changed) {
            routingWeight = changed;
            return this;
        }

        PartnerBuilder serviceArea(String label, Coordinates centre, double radiusKm) {
            serviceAreas.add(new ServiceArea(label, centre, radiusKm));
            return this;
        }

        PartnerBuilder remoteServices(String... changed) {
            remoteServices = List.of(changed);
            return this;
        }

        PartnerBuilder outOfOffice(Instant from, Instant until) {
            availability = new Availability("Europe/Paris", List.of(), List.of(new Absence(from, until)));
            return this;
        }

        RoutablePartner build() {
            return new RoutablePartner(id, name, tier, countries, specialities, languages, capacity, "ACTIVE".equals(status), 1,
                    status, routingWeight, expertise, regions, serviceAreas, remoteServices, weeklyCapacity, availability,
                    Duration.ofHours(8));
        }
    }

    static final class LeadBuilder {

        private UUID id = UUID.fromString("6f1c1d2e-0000-4000-8000-000000000001");
        private List<String> products = List.of("postgresql");
        private List<String> services = List.of("migration");
        private Environment environment = Environment.NONE;
        private String country = "FR";
        private String region = "FR-ARA";
        private Coordinates coordinates;
        private String language = "fr";

        LeadBuilder id(UUID changed) {
            id = changed;
            return this;
        }

        LeadBuilder products(String... changed) {
            products = List.of(changed);
            return this;
        }

        LeadBuilder services(String... changed) {
            services = List.of(changed);
            return this;
        }

        LeadBuilder environment(Environment changed) {
            environment = changed;
            return this;
        }

        LeadBuilder in(String changedCountry, String changedRegion) {
            country = changedCountry;
            region = changedRegion;
            return this;
        }

        LeadBuilder at(Coordinates changed) {
            coordinates = changed;
            return this;
        }

        LeadBuilder language(String changed) {
            language = changed;
            return this;
        }

        LeadReceived build() {
            return new LeadReceived(id, LeadKeyServer.seal(id, new Contact("Camille Martin", "camille@example.fr", null, null), null),
                    new Need(products, services, environment), new Location(country, region, "Lyon", null, coordinates),
                    language, 50, new Consent("partner-contact-v1", NOW), "website-form", NOW);
        }
    }
}

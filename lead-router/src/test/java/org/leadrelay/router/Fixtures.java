package org.leadrelay.router;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.leadrelay.events.Absence;
import org.leadrelay.events.Availability;
import org.leadrelay.events.BusinessHours;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.Environment;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.testing.LeadKeyServer;

/** Leads and partners the router's tests are told about. */
public final class Fixtures {

    /** The next country code {@link #uniqueCountry()} gives, for the whole test JVM. */
    private static final AtomicInteger NEXT_COUNTRY = new AtomicInteger();

    /**
     * A country code no other test in this JVM uses, so a test that routes there sees only its own
     * partners: the broker and the database are shared by every test class of the JVM, and a
     * partner stays in the router's copy after its class ends. The codes are user-assigned ones
     * (X?, Y?), which no real country and no test with fixed codes (FR, Q?, E?, Z?) uses. A random
     * code drawn by one class alone (as LeadRouterIT once did) meets another class's code now and
     * then: that class's partners count too, and a wait for exactly two partners never ends.
     */
    public static String uniqueCountry() {
        int n = NEXT_COUNTRY.getAndIncrement();
        if (n >= 52) {
            throw new IllegalStateException("more than 52 unique countries asked for in one JVM: widen the range");
        }
        return "" + (char) ('X' + n / 26) + (char) ('A' + n % 26);
    }

    public static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private Fixtures() {
    }

    public static LeadReceived postgresMigrationInLyon() {
        return lead("FR", "fr", List.of("postgresql"), List.of("migration"));
    }

    public static LeadReceived lead(String country, String language, List<String> products, List<String> services) {
        UUID leadId = UUID.randomUUID();
        return new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact("Camille Martin", "camille@example.fr", null, null), null),
                new Need(products, services, Environment.NONE),
                new Location(country, null, "Lyon", null, null), language, 50,
                new Consent("partner-contact-v1", NOW), "website-form", NOW);
    }

    public static RoutablePartner partner(String name, String tier, List<String> countries, List<String> specialities,
            List<String> languages) {
        return partner(UUID.randomUUID(), name, tier, countries, specialities, languages, 5, "ACTIVE", null);
    }

    public static RoutablePartner partner(UUID id, String name, String tier, List<String> countries, List<String> specialities,
            List<String> languages, int capacity, String status, Availability availability) {
        return new RoutablePartner(id, name, tier, countries, specialities, languages, capacity, "ACTIVE".equals(status), 1,
                status, null, null, null, null, null, null, availability, null);
    }

    /** Out of office from an hour before {@link #NOW} to a day after it. */
    public static Availability onHolidayAtNow() {
        return new Availability("Europe/Paris", List.of(),
                List.of(new Absence(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)))));
    }

    /** A partner described with every field of the event, out of office over {@code absence} when given. */
    public static PartnerUpserted fullPartnerUpserted(UUID id, String name, String tier, String country, Absence absence) {
        return new PartnerUpserted(id, name, tier, List.of(country), List.of("postgresql", "migration"), List.of("fr", "en"), 5,
                "leads@partner.example", null, true, 1, NOW, "ACTIVE", null, 2.5,
                List.of(new Expertise("DATABASE", "postgresql", Expertise.CERTIFIED, LocalDate.parse("2027-06-30")),
                        new Expertise("SERVICE", "migration", Expertise.EXPERIENCED, null)),
                List.of(country + "-ARA"), List.of(new ServiceArea("Lyon office", new Coordinates(45.76, 4.84), 80)),
                List.of("migration"), 20,
                new Availability("Europe/Paris",
                        List.of(new BusinessHours(List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 30))),
                        absence == null ? List.of() : List.of(absence)),
                Duration.ofHours(8), List.of(new NotificationContact("leads@partner.example", "fr")), false, null,
                name + " SAS", null);
    }

    public static PartnerUpserted partnerUpserted(UUID id, String name, String tier, List<String> countries,
            List<String> specialities, List<String> languages, long revision) {
        return new PartnerUpserted(id, name, tier, countries, specialities, languages, 5, "leads@partner.example", null,
                true, revision, NOW);
    }
}

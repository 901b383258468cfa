package org.leadrelay.router;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.Environment;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.router.partners.RoutablePartner;

/** Leads and partners the router's tests are told about. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private Fixtures() {
    }

    public static LeadReceived postgresMigrationInLyon() {
        return lead("FR", "fr", List.of("postgresql"), List.of("migration"));
    }

    public static LeadReceived lead(String country, String language, List<String> products, List<String> services) {
        return new LeadReceived(UUID.randomUUID(), new Contact("Camille Martin", "camille@example.fr", null, null),
                new Need(products, services, Environment.NONE, null),
                new Location(country, null, "Lyon", null, null), language, 50,
                new Consent("partner-contact-v1", NOW), "website-form", NOW);
    }

    public static RoutablePartner partner(String name, String tier, List<String> countries, List<String> specialities,
            List<String> languages) {
        return new RoutablePartner(UUID.randomUUID(), name, tier, countries, specialities, languages, 5, true, 1);
    }

    public static PartnerUpserted partnerUpserted(UUID id, String name, String tier, List<String> countries,
            List<String> specialities, List<String> languages, long revision) {
        return new PartnerUpserted(id, name, tier, countries, specialities, languages, 5, "leads@partner.example", null,
                true, revision, NOW);
    }
}

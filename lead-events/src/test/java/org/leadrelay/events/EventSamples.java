package org.leadrelay.events;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One realistic instance of every event of the contract. */
final class EventSamples {

    static final UUID LEAD = UUID.fromString("0b7c6f1e-5d1f-4a53-9d0c-6d2f0f7f3a11");
    static final UUID PARTNER = UUID.fromString("6a3f1c2e-8e5b-4b7e-a1f4-2c9d7e5b3a22");
    static final UUID OTHER_PARTNER = UUID.fromString("9c1d2e3f-4a5b-4c6d-8e7f-1a2b3c4d5e33");
    static final UUID ASSIGNMENT = UUID.fromString("3e2d1c0b-9a8f-4e7d-b6c5-4a3b2c1d0e44");
    static final Instant NOW = Instant.parse("2026-11-23T09:15:30.123Z");

    private EventSamples() {
    }

    /** The key the samples are sealed with. */
    static final LeadKey KEY = LeadKey.generate();
    static final PersonalData CAMILLE = new PersonalData(
            new Contact("Camille Martin", "camille.martin@example.fr", "+33472000000", "Soieries Lyonnaises"),
            "Move 3 Oracle schemas to PostgreSQL 17");
    private static final Sealed SEALED = KEY.seal(LEAD, CAMILLE);

    static LeadReceived postgresMigrationInLyon() {
        return new LeadReceived(LEAD, SEALED,
                new Need(List.of("postgresql"), List.of("migration"),
                        new Environment(List.of("linux"), List.of("oracle"), List.of("tomcat"))),
                new Location("FR", "Auvergne-Rhône-Alpes", "Lyon", "69002", new Coordinates(45.7578, 4.8320),
                        CoordinatesSource.GAZETTEER),
                "fr", 120, new Consent("partner-contact-v1", NOW.minusSeconds(5)), "website-form",
                new Origin("contact-emea", "https://www.vendor.example/support", List.of("utm_campaign=autumn-2026")), NOW);
    }

    static Score score() {
        return Score.of(List.of(
                new ScoreComponent("speciality", 50, "covers postgresql and migration"),
                new ScoreComponent("tier", 20, "GOLD partner")));
    }

    static List<LeadRelayEvent> oneOfEach() {
        LeadBrief brief = postgresMigrationInLyon().brief();
        List<Fallback> fallbacks = List.of(new Fallback(OTHER_PARTNER, "Rhône Data", 55));
        List<PassedOver> passedOver = List.of(new PassedOver(OTHER_PARTNER, "Alpes Java", "does not cover FR"));
        return List.of(
                postgresMigrationInLyon(),
                new PartnerUpserted(PARTNER, "Lyon Open Source", "GOLD", List.of("FR", "CH"),
                        List.of("postgresql", "migration"), List.of("fr", "en"), 5, "leads@lyon-oss.example",
                        URI.create("https://lyon-oss.example/hooks/leads"), true, 3, NOW),
                new PartnerUpserted(OTHER_PARTNER, "Rhône Data", "SILVER", List.of("FR"), List.of("postgresql", "training"),
                        List.of("fr"), 4, "leads@rhone-data.example", URI.create("https://rhone-data.example/hooks"), false, 7,
                        NOW, "PAUSED", "holidays", 2.5,
                        List.of(new Expertise("DATABASE", "postgresql", Expertise.CERTIFIED, java.time.LocalDate.parse("2027-06-30")),
                                new Expertise("SERVICE", "training", Expertise.EXPERIENCED, null)),
                        List.of("FR-ARA"), List.of(new ServiceArea("Lyon office", new Coordinates(45.76, 4.84), 80)),
                        List.of("training"), 10,
                        new Availability("Europe/Paris",
                                List.of(new BusinessHours(List.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
                                        java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 30))),
                                List.of(new Absence(NOW, NOW.plusSeconds(86_400)))),
                        java.time.Duration.ofHours(8), List.of(new NotificationContact("leads@rhone-data.example", "fr")), true,
                        List.of(new SigningKey(2, null), new SigningKey(1, NOW.plusSeconds(3600))), "Rhône Data SAS",
                        URI.create("https://rhone-data.example")),
                new LeadAssigned(LEAD, ASSIGNMENT, PARTNER, "Lyon Open Source", 1, score(), fallbacks, passedOver,
                        brief, NOW, NOW.plusSeconds(3600)),
                new LeadReassigned(LEAD, ASSIGNMENT, OTHER_PARTNER, "Rhône Data", PARTNER, "declined", 2, score(),
                        List.of(), passedOver, brief, NOW, NOW.plusSeconds(3600)),
                new LeadUnroutable(LEAD, "no partner covers country FR with postgresql", passedOver, NOW),
                new LeadUnroutable(LEAD, "declined by 3 partners", passedOver, NOW, java.util.Map.of("not-active", 2, "declined", 3), 3),
                new LeadAssigned(LEAD, ASSIGNMENT, PARTNER, "Lyon Open Source", 2, score(),
                        List.of(new Fallback(OTHER_PARTNER, "Rhône Data", 55, score().components())), passedOver, brief, NOW,
                        NOW.plusSeconds(3600), java.util.Map.of("no-capacity", 4)),
                new LeadReassigned(LEAD, ASSIGNMENT, OTHER_PARTNER, "Rhône Data", null, "operator", 4, score(), List.of(), List.of(),
                        brief, NOW, NOW.plusSeconds(3600), java.util.Map.of()),
                new LeadAssigned(LEAD, ASSIGNMENT, PARTNER, "Lyon Open Source", 1, score(), fallbacks, passedOver, brief, NOW,
                        NOW.plusSeconds(3600), java.util.Map.of(), new ExpectedShares(java.util.Map.of(PARTNER, 0.6, OTHER_PARTNER, 0.3), 0.1, 12)),
                new LeadReassigned(LEAD, ASSIGNMENT, OTHER_PARTNER, "Rhône Data", PARTNER, "declined", 2, score(), List.of(), passedOver,
                        brief, NOW, NOW.plusSeconds(3600), java.util.Map.of(), new ExpectedShares(java.util.Map.of(OTHER_PARTNER, 1.0), 0, 0)),
                new LeadAssignmentExpired(LEAD, ASSIGNMENT, PARTNER, NOW, NOW.plusMillis(40)),
                new LeadAccepted(LEAD, ASSIGNMENT, PARTNER, NOW),
                new LeadAccepted(LEAD, ASSIGNMENT, PARTNER, NOW, SEALED),
                new LeadDeclined(LEAD, ASSIGNMENT, PARTNER, "fully booked until March", NOW),
                new NotificationDelivered(LEAD, ASSIGNMENT, PARTNER, Channel.WEBHOOK, 1, NOW),
                new NotificationDelivered(LEAD, ASSIGNMENT, PARTNER, Channel.EMAIL, 2, NOW, NotificationEvent.ACCEPTANCE),
                new NotificationFailed(LEAD, ASSIGNMENT, PARTNER, Channel.EMAIL, 1, "smtp down", true, NOW, NotificationEvent.WITHDRAWAL),
                new NotificationFailed(LEAD, ASSIGNMENT, PARTNER, Channel.EMAIL, 2, "SMTP 451 try again later", true, NOW),
                new LeadErased(LEAD, NOW),
                new LeadErasureCompleted(LEAD, "lead-router", "case anonymised; offer withdrawn", NOW));
    }
}

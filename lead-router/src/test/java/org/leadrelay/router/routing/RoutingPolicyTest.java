package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.Fixtures.NOW;
import static org.leadrelay.router.Fixtures.onHolidayAtNow;
import static org.leadrelay.router.Fixtures.partner;
import static org.leadrelay.router.Fixtures.postgresMigrationInLyon;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Absence;
import org.leadrelay.events.Availability;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.router.partners.RoutablePartner;

class RoutingPolicyTest {

    private final RoutingPolicy policy = new RoutingPolicy();

    @Test
    void choosesThePartnerCoveringMoreOfTheNeed() {
        RoutablePartner postgresOnly = partner("PG Only", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"));
        RoutablePartner postgresAndMigration = partner("Full Cover", "GOLD", List.of("FR"), List.of("postgresql", "migration"), List.of("fr"));

        RoutingDecision decision = policy.decide(postgresMigrationInLyon(), List.of(postgresOnly, postgresAndMigration), NOW);

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) decision;
        assertThat(chosen.partner()).isEqualTo(postgresAndMigration);
        assertThat(chosen.fallbacks()).extracting(fallback -> fallback.partnerId()).containsExactly(postgresOnly.id());
    }

    @Test
    void explainsTheScoreComponentByComponent() {
        RoutablePartner partner = partner("Lyon OSS", "GOLD", List.of("FR"), List.of("postgresql", "migration"), List.of("fr"));

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(partner), NOW);

        assertThat(chosen.score().components()).extracting(ScoreComponent::criterion).containsExactly("speciality", "language", "tier");
        assertThat(chosen.score().total()).isEqualTo(60 + 15 + 15);
        assertThat(chosen.score().components().get(0).reason()).isEqualTo("covers 2 of 2: postgresql, migration");
    }

    @Test
    void prefersThePartnerSpeakingTheCustomersLanguage() {
        RoutablePartner german = partner("Berlin", "GOLD", List.of("FR"), List.of("postgresql", "migration"), List.of("de"));
        RoutablePartner french = partner("Lyon", "GOLD", List.of("FR"), List.of("postgresql", "migration"), List.of("fr"));

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(german, french), NOW);

        assertThat(chosen.partner()).isEqualTo(french);
    }

    @Test
    void breaksTiesTheSameWayEveryTime() {
        RoutablePartner first = partner(UUID.fromString("00000000-0000-0000-0000-000000000001"), "A", "GOLD",
                List.of("FR"), List.of("postgresql"), List.of("fr"), 5, "ACTIVE", null);
        RoutablePartner second = partner(UUID.fromString("00000000-0000-0000-0000-000000000002"), "B", "GOLD",
                List.of("FR"), List.of("postgresql"), List.of("fr"), 5, "ACTIVE", null);

        assertThat(((RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(second, first), NOW)).partner()).isEqualTo(first);
        assertThat(((RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(first, second), NOW)).partner()).isEqualTo(first);
    }

    @Test
    void passesOverPausedSuspendedAbsentFullAndUnqualifiedPartnersSayingWhy() {
        RoutablePartner paused = partner(UUID.randomUUID(), "Sleeping", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 5, "PAUSED", null);
        RoutablePartner suspended = partner(UUID.randomUUID(), "Banned", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 5, "SUSPENDED", null);
        RoutablePartner onboarding = partner(UUID.randomUUID(), "New", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 5, "ONBOARDING", null);
        RoutablePartner onHoliday = partner(UUID.randomUUID(), "Beach", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 5, "ACTIVE", onHolidayAtNow());
        RoutablePartner full = partner(UUID.randomUUID(), "Busy", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 0, "ACTIVE", null);
        RoutablePartner javaShop = partner("Java Shop", "GOLD", List.of("FR"), List.of("java"), List.of("fr"));

        RoutingDecision decision = policy.decide(postgresMigrationInLyon(), List.of(paused, suspended, onboarding, onHoliday, full, javaShop), NOW);

        assertThat(decision).isInstanceOf(RoutingDecision.Nobody.class);
        assertThat(decision.passedOver()).extracting(PassedOver::reason)
                .containsExactly("not active: PAUSED", "not active: SUSPENDED", "not active: ONBOARDING", "out of office", "no capacity",
                        "offers none of postgresql, migration");
        assertThat(((RoutingDecision.Nobody) decision).reason()).isEqualTo("no partner covering FR can take postgresql, migration");
    }

    @Test
    void aPartnerIsOutOfOfficeOnlyDuringItsAbsence() {
        RoutablePartner backToday = partner(UUID.randomUUID(), "Back", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 5, "ACTIVE",
                new Availability("Europe/Paris", List.of(), List.of(new Absence(NOW.minus(Duration.ofDays(7)), NOW))));

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(backToday), NOW);

        assertThat(chosen.partner()).isEqualTo(backToday);
        assertThat(policy.decide(postgresMigrationInLyon(), List.of(backToday), NOW.minusSeconds(1)))
                .isInstanceOf(RoutingDecision.Nobody.class);
    }

    @Test
    void nobodyWhenNoPartnerCoversTheCountry() {
        RoutingDecision decision = policy.decide(postgresMigrationInLyon(), List.of(), NOW);

        assertThat(decision).isEqualTo(new RoutingDecision.Nobody("no partner covers FR", List.of()));
    }

    @Test
    void keepsAtMostThreeFallbacksAndExplainsTheRest() {
        List<RoutablePartner> partners = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> partner("P" + i, "SILVER", List.of("FR"), List.of("postgresql"), List.of("fr")))
                .toList();

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), partners, NOW);

        assertThat(chosen.fallbacks()).hasSize(3);
        assertThat(chosen.passedOver()).hasSize(2).allSatisfy(passed -> assertThat(passed.reason()).contains("below the fallbacks"));
    }
}

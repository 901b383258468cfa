package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.Fixtures.partner;
import static org.leadrelay.router.Fixtures.postgresMigrationInLyon;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.router.partners.RoutablePartner;

class RoutingPolicyTest {

    private final RoutingPolicy policy = new RoutingPolicy();

    @Test
    void choosesThePartnerCoveringMoreOfTheNeed() {
        RoutablePartner postgresOnly = partner("PG Only", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"));
        RoutablePartner postgresAndMigration = partner("Full Cover", "GOLD", List.of("FR"), List.of("postgresql", "migration"), List.of("fr"));

        RoutingDecision decision = policy.decide(postgresMigrationInLyon(), List.of(postgresOnly, postgresAndMigration));

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) decision;
        assertThat(chosen.partner()).isEqualTo(postgresAndMigration);
        assertThat(chosen.fallbacks()).extracting(fallback -> fallback.partnerId()).containsExactly(postgresOnly.id());
    }

    @Test
    void explainsTheScoreComponentByComponent() {
        RoutablePartner partner = partner("Lyon OSS", "GOLD", List.of("FR"), List.of("postgresql", "migration"), List.of("fr"));

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(partner));

        assertThat(chosen.score().components()).extracting(ScoreComponent::criterion).containsExactly("speciality", "language", "tier");
        assertThat(chosen.score().total()).isEqualTo(60 + 15 + 15);
        assertThat(chosen.score().components().get(0).reason()).isEqualTo("covers 2 of 2: postgresql, migration");
    }

    @Test
    void prefersThePartnerSpeakingTheCustomersLanguage() {
        RoutablePartner german = partner("Berlin", "GOLD", List.of("FR"), List.of("postgresql", "migration"), List.of("de"));
        RoutablePartner french = partner("Lyon", "GOLD", List.of("FR"), List.of("postgresql", "migration"), List.of("fr"));

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(german, french));

        assertThat(chosen.partner()).isEqualTo(french);
    }

    @Test
    void breaksTiesTheSameWayEveryTime() {
        RoutablePartner first = new RoutablePartner(UUID.fromString("00000000-0000-0000-0000-000000000001"), "A", "GOLD",
                List.of("FR"), List.of("postgresql"), List.of("fr"), 5, true, 1);
        RoutablePartner second = new RoutablePartner(UUID.fromString("00000000-0000-0000-0000-000000000002"), "B", "GOLD",
                List.of("FR"), List.of("postgresql"), List.of("fr"), 5, true, 1);

        assertThat(((RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(second, first))).partner()).isEqualTo(first);
        assertThat(((RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), List.of(first, second))).partner()).isEqualTo(first);
    }

    @Test
    void passesOverInactiveFullAndUnqualifiedPartnersSayingWhy() {
        RoutablePartner inactive = new RoutablePartner(UUID.randomUUID(), "Sleeping", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 5, false, 1);
        RoutablePartner full = new RoutablePartner(UUID.randomUUID(), "Busy", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 0, true, 1);
        RoutablePartner javaShop = partner("Java Shop", "GOLD", List.of("FR"), List.of("java"), List.of("fr"));

        RoutingDecision decision = policy.decide(postgresMigrationInLyon(), List.of(inactive, full, javaShop));

        assertThat(decision).isInstanceOf(RoutingDecision.Nobody.class);
        assertThat(decision.passedOver()).extracting(PassedOver::reason)
                .containsExactly("inactive", "no capacity", "offers none of postgresql, migration");
        assertThat(((RoutingDecision.Nobody) decision).reason()).isEqualTo("no partner covering FR can take postgresql, migration");
    }

    @Test
    void nobodyWhenNoPartnerCoversTheCountry() {
        RoutingDecision decision = policy.decide(postgresMigrationInLyon(), List.of());

        assertThat(decision).isEqualTo(new RoutingDecision.Nobody("no partner covers FR", List.of()));
    }

    @Test
    void keepsAtMostThreeFallbacksAndExplainsTheRest() {
        List<RoutablePartner> partners = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> partner("P" + i, "SILVER", List.of("FR"), List.of("postgresql"), List.of("fr")))
                .toList();

        RoutingDecision.Chosen chosen = (RoutingDecision.Chosen) policy.decide(postgresMigrationInLyon(), partners);

        assertThat(chosen.fallbacks()).hasSize(3);
        assertThat(chosen.passedOver()).hasSize(2).allSatisfy(passed -> assertThat(passed.reason()).contains("below the fallbacks"));
    }
}

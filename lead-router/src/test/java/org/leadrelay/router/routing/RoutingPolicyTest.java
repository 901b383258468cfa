package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.routing.Routables.LYON;
import static org.leadrelay.router.routing.Routables.NOW;
import static org.leadrelay.router.routing.Routables.VILLEURBANNE;
import static org.leadrelay.router.routing.Routables.lead;
import static org.leadrelay.router.routing.Routables.partner;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.ExpectedShares;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.ScoreComponent;

class RoutingPolicyTest {

    private final RoutingPolicy policy = new RoutingPolicy(RoutingWeights.DEFAULT);

    private RoutingDecision decide(LeadReceived lead, List<RoutablePartner> candidates) {
        return policy.decide(lead, candidates, Map.of(), Map.of(), NOW);
    }

    private static List<RoutablePartner> ranked(RoutingDecision decision) {
        return ((RoutingDecision.Chosen) decision).ranked().stream().map(Ranked::partner).toList();
    }

    @Test
    void ranksEveryEligiblePartnerBestFirst() {
        RoutablePartner certified = partner("Certified").specialities().certified("postgresql", null).certified("migration", null).build();
        RoutablePartner experienced = partner("Experienced").build();
        RoutablePartner postgresOnly = partner("PG only").specialities("postgresql").build();

        RoutingDecision decision = decide(lead().build(), List.of(postgresOnly, experienced, certified));

        assertThat(ranked(decision)).containsExactly(certified, experienced, postgresOnly);
        assertThat(decision.passedOver()).isEmpty();
        assertThat(decision.passedOverCounts()).isEmpty();
    }

    @Test
    void explainsEachScoreComponentByComponent() {
        RoutablePartner partner = partner("Lyon OSS").specialities().certified("postgresql", LocalDate.parse("2027-06-30"))
                .experienced("migration").serviceArea("Villeurbanne office", VILLEURBANNE, 50).build();

        Ranked first = ((RoutingDecision.Chosen) policy.decide(lead().at(LYON).build(), List.of(partner),
                Map.of(partner.id(), new Standing(1, 3, 10, 8, Duration.ofHours(2), 4)), Map.of(), NOW)).ranked().get(0);

        assertThat(first.score().components()).extracting(ScoreComponent::criterion)
                .containsExactly("speciality", "distance", "language", "tier", "headroom", "responsiveness", "fairness");
        assertThat(first.score().components()).extracting(ScoreComponent::reason).containsExactly(
                "covers 2 of 2: postgresql certified, migration experienced (fit 0.80)",
                "4.3 km from Villeurbanne office",
                "serves in fr",
                "GOLD, routing weight 4 (its tier's) of at most 8",
                "4 of 5 open-lead slots free",
                "accepted 8 of 10 recent offers, median answer 2h (acceptance 0.80, speed 0.61 with the prior)",
                "had 4 recent leads; its weight's share (4 of 4) of the eligible partners' 5, this lead included, is 5: 1 behind");
        assertThat(first.score().total())
                .isEqualTo(first.score().components().stream().mapToDouble(ScoreComponent::points).sum());
    }

    @Test
    void passesOverPartnersSayingWhichRuleAndWhy() {
        UUID leadId = UUID.fromString("6f1c1d2e-0000-4000-8000-000000000001");
        RoutablePartner declined = partner("Declined").build();
        RoutablePartner paused = partner("Paused").status("PAUSED").build();
        RoutablePartner away = partner("Away").outOfOffice(NOW.minusSeconds(60), NOW.plusSeconds(3600)).build();
        RoutablePartner belgian = partner("Belgian").countries("BE").build();
        RoutablePartner javaShop = partner("Java shop").specialities("java").build();
        RoutablePartner german = partner("German").languages("de").build();
        RoutablePartner full = partner("Full").capacity(2).build();

        RoutingDecision decision = policy.decide(lead().id(leadId).build(),
                List.of(declined, paused, away, belgian, javaShop, german, full),
                Map.of(full.id(), new Standing(2, 2, 0, 0, null, 2)), Map.of(declined.id(), "declined"), NOW);

        assertThat(decision).isInstanceOf(RoutingDecision.Nobody.class);
        assertThat(decision.passedOverCounts()).containsOnly(Map.entry("already-tried", 1), Map.entry("status", 1),
                Map.entry("out-of-office", 1), Map.entry("coverage", 1), Map.entry("speciality", 1), Map.entry("language", 1),
                Map.entry("capacity", 1));
        assertThat(policy.ruleNames()).containsExactly("already-tried", "status", "out-of-office", "coverage", "speciality",
                "language", "capacity");
        assertThat(decision.passedOver()).extracting(PassedOver::reason).containsExactly(
                "capacity: holds 2 open leads, its capacity is 2",
                "language: serves in neither fr nor the fallback en (serves in de)",
                "speciality: offers none of postgresql, migration",
                "coverage: does not cover FR",
                "out-of-office: out of office until 2026-11-23T10:00:00Z",
                "status: not active: PAUSED",
                "already-tried: declined this lead already");
        assertThat(((RoutingDecision.Nobody) decision).reason()).isEqualTo("none of the 7 candidate partners is eligible for "
                + "postgresql, migration in FR-ARA (already-tried: 1, status: 1, out-of-office: 1, coverage: 1, speciality: 1, "
                + "language: 1, capacity: 1)");
    }

    @Test
    void nobodyWhenThereIsNoCandidate() {
        RoutingDecision decision = decide(lead().build(), List.of());

        assertThat(decision).isEqualTo(new RoutingDecision.Nobody("no partner covers FR-ARA", List.of(), Map.of()));
    }

    @Test
    void namesAtMostTwentyPassedOverPartnersButCountsThemAll() {
        List<RoutablePartner> candidates = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> candidates.add(partner("Paused " + i).status("PAUSED").build()));
        IntStream.range(0, 15).forEach(i -> candidates.add(partner("Java " + i).specialities("java").build()));
        candidates.add(partner("Eligible").build());

        LeadReceived lead = lead().build();

        RoutingDecision decision = decide(lead, candidates);

        assertThat(decision.passedOver()).hasSize(20);
        assertThat(decision.passedOver().subList(0, 15)).allSatisfy(p -> assertThat(p.reason()).startsWith("speciality:"));
        // of the 30 paused partners, the 5 named are the first 5 in the lead's tie-break order
        List<UUID> firstPaused = candidates.subList(0, 30).stream().map(RoutablePartner::id)
                .sorted(Comparator.comparingLong(id -> Candidate.tieBreak(lead.leadId(), id))).limit(5).toList();
        assertThat(decision.passedOver().subList(15, 20)).extracting(PassedOver::partnerId).containsExactlyElementsOf(firstPaused);
        assertThat(decision.passedOverCounts()).containsOnly(Map.entry("status", 30), Map.entry("speciality", 15));
    }

    @Test
    void theSameInputsGiveTheSameDecisionInAnyOrderOfTheCandidates() {
        List<RoutablePartner> partners = IntStream.range(0, 40)
                .mapToObj(i -> partner("Equal " + i).build())
                .toList();
        Map<UUID, Standing> standings = new HashMap<>();
        Random random = new Random(7);
        for (RoutablePartner partner : partners) {
            standings.put(partner.id(), new Standing(random.nextInt(3), 4, 6, random.nextInt(6), Duration.ofMinutes(30), random.nextInt(5)));
        }
        LeadReceived lead = lead().build();

        RoutingDecision first = policy.decide(lead, partners, standings, Map.of(), NOW);
        for (int round = 0; round < 10; round++) {
            List<RoutablePartner> shuffled = new ArrayList<>(partners);
            Collections.shuffle(shuffled, random);
            assertThat(policy.decide(lead, shuffled, standings, Map.of(), NOW)).isEqualTo(first);
        }
    }

    @Test
    void theWordedScoresAreTheOnesTheRankingUsed() {
        Random random = new Random(11);
        List<RoutablePartner> partners = IntStream.range(0, 60)
                .mapToObj(i -> partner("Mixed " + i).tier(List.of("PLATINUM", "GOLD", "SILVER", "REGISTERED").get(i % 4))
                        .capacity(3 + i % 5).serviceArea("Office " + i, i % 2 == 0 ? LYON : VILLEURBANNE, 20 + i).build())
                .toList();
        Map<UUID, Standing> standings = new HashMap<>();
        partners.forEach(p -> standings.put(p.id(), new Standing(random.nextInt(3), 0, random.nextInt(20), random.nextInt(10),
                Duration.ofMinutes(1 + random.nextInt(500)), random.nextInt(30) * random.nextDouble())));

        List<Ranked> ranked = ((RoutingDecision.Chosen) policy.decide(lead().at(LYON).build(), partners, standings, Map.of(), NOW))
                .ranked();

        assertThat(ranked).hasSize(60);
        for (int i = 0; i < ranked.size(); i++) {
            Ranked one = ranked.get(i);
            assertThat(one.score().total()).isEqualTo(one.total());
            assertThat(one.score().components().stream().mapToDouble(ScoreComponent::points).sum()).isCloseTo(one.total(),
                    org.assertj.core.data.Offset.offset(1e-9));
            if (i > 0) {
                assertThat(one.score().total()).isLessThanOrEqualTo(ranked.get(i - 1).score().total());
            }
        }
    }

    @Test
    void theRankingIsByTotalThenTieBreakWhateverTheSizeOfTheTotals() {
        RoutingWeights d = RoutingWeights.DEFAULT;
        RoutingWeights huge = new RoutingWeights(d.speciality() * 1000, d.distance(), d.language(), d.tier(), d.headroom(),
                d.responsiveness(), d.fairness() * 1000, d.fairnessScaleLeads(), d.experiencedCredit(), d.environmentCredit(),
                d.distanceHorizonKm(), d.fallbackLanguage(), d.priorAcceptanceRate(), d.priorOffers(), d.answerTimeReference(),
                d.tierWeights(), d.maxPassedOver(), d.maxFallbacks());
        Random random = new Random(5);
        List<RoutablePartner> partners = IntStream.range(0, 80)
                .mapToObj(i -> partner("Ranked " + i).tier(List.of("GOLD", "SILVER").get(i % 2)).capacity(4).build())
                .toList();
        Map<UUID, Standing> standings = new HashMap<>();
        partners.forEach(p -> standings.put(p.id(), new Standing(random.nextInt(2), 0, 0, 0, null, random.nextInt(3))));
        LeadReceived lead = lead().build();
        // packed ranking keys with the default weights; totals beyond their range with the huge ones
        for (RoutingPolicy each : List.of(policy, new RoutingPolicy(huge))) {
            List<Ranked> ranked = ((RoutingDecision.Chosen) each.decide(lead, partners, standings, Map.of(), NOW)).ranked();

            assertThat(ranked).hasSize(80);
            int ties = 0;
            for (int i = 1; i < ranked.size(); i++) {
                Ranked before = ranked.get(i - 1);
                Ranked after = ranked.get(i);
                assertThat(after.total()).isLessThanOrEqualTo(before.total());
                if (after.total() == before.total()) {
                    ties++;
                    assertThat(Candidate.tieBreak(lead.leadId(), after.partner().id()))
                            .isGreaterThan(Candidate.tieBreak(lead.leadId(), before.partner().id()));
                }
            }
            assertThat(ties).as("equal totals, ordered by the tie-break").isGreaterThan(10);
        }
        assertThat(((RoutingDecision.Chosen) new RoutingPolicy(huge).decide(lead, partners, standings, Map.of(), NOW)).ranked().get(0)
                .total()).isGreaterThan(2622);
    }

    @Test
    void equalPartnersAreOrderedByTheLeadSoEachComesFirstForSomeLeads() {
        RoutablePartner a = partner("A").build();
        RoutablePartner b = partner("B").build();
        LeadReceived one = lead().id(UUID.fromString("00000000-0000-4000-8000-000000000001")).build();

        List<RoutablePartner> firstTime = ranked(decide(one, List.of(a, b)));
        assertThat(ranked(decide(one, List.of(b, a)))).isEqualTo(firstTime);

        long aFirst = IntStream.range(0, 200)
                .mapToObj(i -> lead().id(new UUID(i, 42)).build())
                .filter(lead -> ranked(decide(lead, List.of(a, b))).get(0).equals(a))
                .count();
        assertThat(aFirst).isBetween(70L, 130L);
    }

    @Test
    void aPartnerOnlyInTheFallbackLanguageRanksBelowOneSpeakingTheCustomersLanguage() {
        RoutablePartner english = partner("English").languages("en").tier("PLATINUM").build();
        RoutablePartner french = partner("French").languages("fr").tier("GOLD").build();

        assertThat(ranked(decide(lead().build(), List.of(english, french)))).containsExactly(french, english);
    }

    @Test
    void withoutAFallbackLanguageOnlyPartnersSpeakingTheCustomersLanguageAreEligible() {
        RoutingPolicy noFallback = new RoutingPolicy(RoutingWeights.DEFAULT.withFallbackLanguage(null));
        RoutablePartner english = partner("English").languages("en").build();

        RoutingDecision decision = noFallback.decide(lead().build(), List.of(english), Map.of(), Map.of(), NOW);

        assertThat(decision.passedOverCounts()).containsOnly(Map.entry("language", 1));
    }

    @Test
    void aPartnerFarBehindItsShareIsPreferredOverOneFarAheadOfIt() {
        RoutablePartner busy = partner("Busy").build();
        RoutablePartner idle = partner("Idle").build();
        Map<UUID, Standing> standings = Map.of(busy.id(), new Standing(0, 0, 0, 0, null, 30), idle.id(), new Standing(0, 0, 0, 0, null, 2));

        RoutingDecision decision = policy.decide(lead().build(), List.of(busy, idle), standings, Map.of(), NOW);

        assertThat(ranked(decision)).containsExactly(idle, busy);
    }

    @Test
    void theDecisionCarriesEachEligiblePartnersShareOfTheLeadByRoutingWeight() {
        RoutablePartner light = partner("Light").routingWeight(1.0).build();
        RoutablePartner middle = partner("Middle").routingWeight(2.0).build();
        RoutablePartner heavy = partner("Heavy").routingWeight(5.0).build();
        RoutablePartner belgian = partner("Belgian").countries("BE").routingWeight(8.0).build();

        ExpectedShares shares = ((RoutingDecision.Chosen) decide(lead().build(), List.of(light, middle, heavy, belgian))).expectedShares();

        assertThat(shares.partners()).containsOnly(Map.entry(light.id(), 0.125), Map.entry(middle.id(), 0.25),
                Map.entry(heavy.id(), 0.625));
        assertThat(shares.others()).isZero();
        assertThat(shares.otherPartners()).isZero();
        assertThat(shares.total()).isEqualTo(1.0);
    }

    @Test
    void pastFiveHundredEligiblePartnersTheLargestSharesAreNamedAndTheRestSummed() {
        List<RoutablePartner> candidates = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            candidates.add(partner("Partner " + i).routingWeight(i < 100 ? 3.0 : 1.0).build());
        }

        ExpectedShares shares = ((RoutingDecision.Chosen) decide(lead().build(), candidates)).expectedShares();

        double total = 100 * 3.0 + 600 * 1.0;
        assertThat(shares.partners()).hasSize(ExpectedShares.MOST);
        assertThat(shares.partners().values()).filteredOn(share -> share == 3.0 / total).hasSize(100);
        assertThat(shares.otherPartners()).isEqualTo(200);
        assertThat(shares.others()).isCloseTo(200 / total, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(shares.total()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void weightsValidateTheirValues() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RoutingWeights.DEFAULT.withPoints(-1, 0, 0, 0, 0, 0, 0));
        assertThat(RoutingWeights.DEFAULT.withFallbackLanguage(" EN ").fallbackLanguage()).isEqualTo("en");
        assertThat(RoutingWeights.DEFAULT.withFallbackLanguage("").fallbackLanguage()).isNull();
    }
}

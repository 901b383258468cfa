package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.routing.Routables.GRENOBLE;
import static org.leadrelay.router.routing.Routables.LYON;
import static org.leadrelay.router.routing.Routables.NOW;
import static org.leadrelay.router.routing.Routables.PARIS;
import static org.leadrelay.router.routing.Routables.VILLEURBANNE;
import static org.leadrelay.router.routing.Routables.lead;
import static org.leadrelay.router.routing.Routables.partner;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Environment;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.ScoreComponent;

class ScoreComponentsTest {

    private static final RoutingWeights WEIGHTS = RoutingWeights.DEFAULT;
    private static final RoutingPolicy POLICY = new RoutingPolicy(WEIGHTS);

    private static Candidate candidate(RoutablePartner partner, Standing standing) {
        return new Candidate(partner, standing, POLICY.weightOf(partner), 0);
    }

    private static ScoreComponent score(ScoringCriterion criterion, LeadReceived lead, RoutablePartner partner) {
        Candidate candidate = candidate(partner, Standing.NEW);
        return criterion.score(RoutedLead.of(lead, Map.of(), NOW), candidate, Pool.of(List.of(candidate)));
    }

    @Nested
    class Speciality {

        private final SpecialityFit fit = new SpecialityFit(WEIGHTS);

        @Test
        void certificationCountsMoreThanExperience() {
            ScoreComponent certified = score(fit, lead().build(), partner("Certified").specialities()
                    .certified("postgresql", null).certified("migration", null).build());
            ScoreComponent experienced = score(fit, lead().build(), partner("Experienced").specialities()
                    .experienced("postgresql").experienced("migration").build());

            assertThat(certified.points()).isEqualTo(40);
            assertThat(experienced.points()).isEqualTo(24);
            assertThat(certified.reason()).isEqualTo("covers 2 of 2: postgresql certified, migration certified (fit 1.00)");
        }

        @Test
        void coveringMoreOfTheNeedScoresHigher() {
            ScoreComponent both = score(fit, lead().build(), partner("Both").specialities("postgresql", "migration").build());
            ScoreComponent one = score(fit, lead().build(), partner("One").specialities("postgresql").build());

            assertThat(both.points()).isEqualTo(24);
            assertThat(one.points()).isEqualTo(12);
            assertThat(one.reason()).isEqualTo("covers 1 of 2: postgresql experienced, migration missing (fit 0.30)");
        }

        @Test
        void aLapsedCertificationCountsAsExperience() {
            ScoreComponent lapsed = score(fit, lead().services().build(), partner("Lapsed").specialities()
                    .certified("postgresql", LocalDate.parse("2026-11-22")).build());
            ScoreComponent lastDay = score(fit, lead().services().build(), partner("Last day").specialities()
                    .certified("postgresql", LocalDate.parse("2026-11-23")).build());

            assertThat(lapsed.points()).isEqualTo(24);
            assertThat(lapsed.reason()).isEqualTo("covers 1 of 1: postgresql experienced (certification lapsed) (fit 0.60)");
            assertThat(lastDay.points()).isEqualTo(40);
        }

        @Test
        void theCustomersEnvironmentCountsHalfAsMuchAsWhatIsAsked() {
            LeadReceived lead = lead().services().environment(new Environment(List.of("linux"), List.of(), List.of())).build();

            ScoreComponent knowsLinux = score(fit, lead, partner("Linux").specialities().certified("postgresql", null)
                    .certified("linux", null).build());
            ScoreComponent noLinux = score(fit, lead, partner("No Linux").specialities().certified("postgresql", null).build());

            assertThat(knowsLinux.points()).isEqualTo(40);
            assertThat(noLinux.points()).isEqualTo(26.67);
            assertThat(noLinux.reason()).isEqualTo("covers 1 of 1: postgresql certified; environment: linux missing (fit 0.67)");
        }
    }

    @Nested
    class Distance {

        private final Proximity proximity = new Proximity(WEIGHTS);

        @Test
        void closerOfficesScoreHigher() {
            LeadReceived inLyon = lead().at(LYON).build();
            ScoreComponent near = score(proximity, inLyon, partner("Villeurbanne").serviceArea("Villeurbanne", VILLEURBANNE, 30).build());
            ScoreComponent farther = score(proximity, inLyon, partner("Grenoble").serviceArea("Grenoble", GRENOBLE, 120).build());
            ScoreComponent far = score(proximity, inLyon, partner("Paris").serviceArea("Paris", PARIS, 500).build());

            assertThat(near.points()).isGreaterThan(farther.points()).isEqualTo(9.78);
            assertThat(farther.points()).isGreaterThan(far.points());
            assertThat(far.points()).isZero();
            assertThat(near.reason()).isEqualTo("4.3 km from Villeurbanne");
        }

        @Test
        void theNearestOfSeveralOfficesCounts() {
            ScoreComponent twoOffices = score(proximity, lead().at(LYON).build(),
                    partner("Two").serviceArea("Paris", PARIS, 50).serviceArea("Grenoble", GRENOBLE, 120).build());

            assertThat(twoOffices.reason()).isEqualTo("94.3 km from Grenoble");
        }

        @Test
        void isNeutralWhenEitherPositionIsUnknown() {
            ScoreComponent noCoordinates = score(proximity, lead().build(), partner("Office").serviceArea("Lyon", LYON, 30).build());
            ScoreComponent noOffice = score(proximity, lead().at(LYON).build(), partner("Nowhere").build());

            assertThat(noCoordinates.points()).isEqualTo(5);
            assertThat(noCoordinates.reason()).isEqualTo("the lead has no coordinates: neutral");
            assertThat(noOffice.points()).isEqualTo(5);
            assertThat(noOffice.reason()).isEqualTo("no office position given: neutral");
        }
    }

    @Nested
    class Language {

        private final LanguageMatch match = new LanguageMatch(WEIGHTS);

        @Test
        void theCustomersOwnLanguageScoresOverTheFallback() {
            assertThat(score(match, lead().build(), partner("French").languages("en", "fr").build()))
                    .isEqualTo(new ScoreComponent("language", 10, "serves in fr"));
            assertThat(score(match, lead().build(), partner("English").languages("en").build()))
                    .isEqualTo(new ScoreComponent("language", 0, "serves in the fallback en, not fr"));
        }
    }

    @Nested
    class Tier {

        private final TierWeight tier = new TierWeight(WEIGHTS);

        @Test
        void scoresTheRoutingWeightAgainstTheHighestTier() {
            assertThat(score(tier, lead().build(), partner("Platinum").tier("PLATINUM").build()).points()).isEqualTo(10);
            assertThat(score(tier, lead().build(), partner("Gold").tier("GOLD").build()).points()).isEqualTo(5);
            assertThat(score(tier, lead().build(), partner("Registered").tier("REGISTERED").build()).points()).isEqualTo(1.25);
            assertThat(score(tier, lead().build(), partner("Gold").tier("GOLD").build()).reason())
                    .isEqualTo("GOLD, routing weight 4 (its tier's) of at most 8");
        }

        @Test
        void thePartnersOwnRoutingWeightOverridesItsTiers() {
            ScoreComponent overridden = score(tier, lead().build(), partner("Boosted").tier("SILVER").routingWeight(6.0).build());

            assertThat(overridden.points()).isEqualTo(7.5);
            assertThat(overridden.reason()).isEqualTo("SILVER, routing weight 6 (set for the partner) of at most 8");
        }

        @Test
        void anUnknownTierCountsAsTheLowest() {
            assertThat(POLICY.weightOf(partner("Odd").tier("BRONZE").build())).isEqualTo(1);
            assertThat(POLICY.weightOf(partner("Lower case").tier("gold").build())).isEqualTo(4);
        }
    }

    @Nested
    class HeadroomComponent {

        private final Headroom headroom = new Headroom(WEIGHTS);

        private ScoreComponent score(RoutablePartner partner, int open, int thisWeek) {
            Candidate candidate = candidate(partner, new Standing(open, thisWeek, 0, 0, null, 0));
            return headroom.score(RoutedLead.of(lead().build(), Map.of(), NOW), candidate, Pool.of(List.of(candidate)));
        }

        @Test
        void scoresTheShareOfCapacityFree() {
            assertThat(score(partner("Ten").capacity(10).build(), 0, 0).points()).isEqualTo(10);
            assertThat(score(partner("Ten").capacity(10).build(), 7, 0))
                    .isEqualTo(new ScoreComponent("headroom", 3, "3 of 10 open-lead slots free"));
        }

        @Test
        void theTighterOfOpenAndWeeklyCapacityCounts() {
            assertThat(score(partner("Weekly").capacity(10).weeklyCapacity(20).build(), 2, 15))
                    .isEqualTo(new ScoreComponent("headroom", 2.5, "8 of 10 open-lead slots free, 5 of 20 left this week"));
        }
    }

    @Nested
    class ResponsivenessComponent {

        private final Responsiveness responsiveness = new Responsiveness(WEIGHTS);

        private ScoreComponent score(Standing standing, Standing... others) {
            Candidate candidate = candidate(partner("Scored").build(), standing);
            List<Candidate> pool = new java.util.ArrayList<>(List.of(candidate));
            for (Standing other : others) {
                pool.add(candidate(partner("Other " + pool.size()).build(), other));
            }
            return responsiveness.score(RoutedLead.of(lead().build(), Map.of(), NOW), candidate, Pool.of(pool));
        }

        @Test
        void aNewPartnerGetsTheNeutralPrior() {
            ScoreComponent fresh = score(Standing.NEW);

            assertThat(fresh.points()).isEqualTo(7.5);
            assertThat(fresh.reason()).isEqualTo("no answers on record: neutral prior (acceptance 0.50, speed 0.50)");
        }

        @Test
        void aNewPartnerScoresLikeAnAveragePartnerAmongThoseEligible() {
            Standing average = new Standing(0, 0, 20, 16, Duration.ofHours(4), 0);
            Standing good = new Standing(0, 0, 20, 20, Duration.ofMinutes(20), 0);
            Standing poor = new Standing(0, 0, 20, 12, Duration.ofHours(12), 0);

            double fresh = score(Standing.NEW, good, poor).points();
            double averagePoints = score(average, good, poor).points();

            assertThat(fresh).isCloseTo(averagePoints, org.assertj.core.data.Offset.offset(0.6));
            assertThat(score(good, Standing.NEW, poor).points()).isGreaterThan(fresh);
            assertThat(score(poor, Standing.NEW, good).points()).isLessThan(fresh);
        }

        @Test
        void fasterAnswersScoreHigherAtTheSameAcceptanceRate() {
            Standing fast = new Standing(0, 0, 10, 8, Duration.ofMinutes(15), 0);
            Standing slow = new Standing(0, 0, 10, 8, Duration.ofHours(20), 0);

            assertThat(score(fast).points()).isGreaterThan(score(slow).points());
            assertThat(score(fast).reason()).isEqualTo(
                    "accepted 8 of 10 recent offers, median answer 15m (acceptance 0.80, speed 0.79 with the prior)");
        }

        @Test
        void oneLuckyAnswerDoesNotMakeAPartnerTheBest() {
            Standing once = new Standing(0, 0, 1, 1, Duration.ofMinutes(1), 0);
            Standing proven = new Standing(0, 0, 40, 38, Duration.ofMinutes(30), 0);

            assertThat(score(proven).points()).isGreaterThan(score(once).points());
        }
    }

    @Nested
    class FairnessComponent {

        private final Fairness fairness = new Fairness(WEIGHTS);

        private ScoreComponent score(RoutablePartner partner, double recent, RoutablePartner other, double otherRecent) {
            Candidate candidate = candidate(partner, new Standing(0, 0, 0, 0, null, recent));
            Candidate second = candidate(other, new Standing(0, 0, 0, 0, null, otherRecent));
            return fairness.score(RoutedLead.of(lead().build(), Map.of(), NOW), candidate, Pool.of(List.of(candidate, second)));
        }

        @Test
        void aPartnerBehindItsWeightedShareScoresAndOneAheadLoses() {
            RoutablePartner gold = partner("Gold").tier("GOLD").build();
            RoutablePartner silver = partner("Silver").tier("SILVER").build();

            ScoreComponent behind = score(gold, 10, silver, 10);
            ScoreComponent ahead = score(silver, 10, gold, 10);

            assertThat(behind.points()).isEqualTo(12);
            assertThat(behind.reason()).isEqualTo("had 10 recent leads; its weight's share (4 of 6) of the "
                    + "eligible partners' 21, this lead included, is 14: 4 behind");
            assertThat(ahead.points()).isEqualTo(-9);
        }

        @Test
        void saturatesAtTheScale() {
            RoutablePartner gold = partner("Gold").tier("GOLD").build();

            assertThat(score(gold, 0, partner("Other").tier("GOLD").build(), 100).points()).isEqualTo(30);
            assertThat(score(gold, 100, partner("Other").tier("GOLD").build(), 0).points()).isEqualTo(-30);
        }

        @Test
        void partnersOfWeightZeroCountAsEqualAmongThemselves() {
            RoutablePartner zero = partner("Zero").routingWeight(0.0).build();
            RoutablePartner alsoZero = partner("Also zero").routingWeight(0.0).build();

            assertThat(score(zero, 0, alsoZero, 4).points()).isEqualTo(7.5);
        }
    }
}

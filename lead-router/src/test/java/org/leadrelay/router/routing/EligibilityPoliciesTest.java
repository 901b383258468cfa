package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.routing.Routables.GRENOBLE;
import static org.leadrelay.router.routing.Routables.LILLE;
import static org.leadrelay.router.routing.Routables.LYON;
import static org.leadrelay.router.routing.Routables.NOW;
import static org.leadrelay.router.routing.Routables.PARIS;
import static org.leadrelay.router.routing.Routables.TOURNAI;
import static org.leadrelay.router.routing.Routables.lead;
import static org.leadrelay.router.routing.Routables.partner;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Environment;
import org.leadrelay.events.LeadReceived;

class EligibilityPoliciesTest {

    private static RoutedLead routed(LeadReceived lead) {
        return RoutedLead.of(lead, Map.of(), NOW);
    }

    private static boolean admits(EligibilityPolicy rule, LeadReceived lead, RoutablePartner partner) {
        return rule.admits(routed(lead), partner, Standing.NEW);
    }

    @Nested
    class AlreadyTried {

        private final AlreadyTriedPolicy rule = new AlreadyTriedPolicy();
        private final RoutablePartner partner = partner("Lyon OSS").build();

        @Test
        void excludesAPartnerThatDeclinedOrLetTheOfferExpire() {
            RoutedLead declined = RoutedLead.of(lead().build(), Map.of(partner.id(), "declined"), NOW);
            RoutedLead expired = RoutedLead.of(lead().build(), Map.of(partner.id(), "expired"), NOW);

            assertThat(rule.admits(declined, partner, Standing.NEW)).isFalse();
            assertThat(rule.refusal(declined, partner, Standing.NEW)).isEqualTo("declined this lead already");
            assertThat(rule.admits(expired, partner, Standing.NEW)).isFalse();
            assertThat(rule.refusal(expired, partner, Standing.NEW)).isEqualTo("let this lead's offer expire already");
        }

        @Test
        void admitsAPartnerThatHadOnlyOtherLeads() {
            RoutedLead other = RoutedLead.of(lead().build(), Map.of(UUID.randomUUID(), "declined"), NOW);

            assertThat(rule.admits(other, partner, Standing.NEW)).isTrue();
        }
    }

    @Nested
    class Status {

        private final StatusPolicy rule = new StatusPolicy();

        @Test
        void onlyAnActivePartnerTakesLeads() {
            assertThat(admits(rule, lead().build(), partner("Active").build())).isTrue();
            for (String status : new String[] {"PAUSED", "SUSPENDED", "ONBOARDING"}) {
                RoutablePartner partner = partner(status).status(status).build();
                assertThat(admits(rule, lead().build(), partner)).as(status).isFalse();
                assertThat(rule.refusal(routed(lead().build()), partner, Standing.NEW)).isEqualTo("not active: " + status);
            }
        }
    }

    @Nested
    class OutOfOffice {

        private final OutOfOfficePolicy rule = new OutOfOfficePolicy();

        @Test
        void excludesAPartnerAwayNowAndSaysUntilWhen() {
            RoutablePartner away = partner("Beach").outOfOffice(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1))).build();

            assertThat(admits(rule, lead().build(), away)).isFalse();
            assertThat(rule.refusal(routed(lead().build()), away, Standing.NEW)).isEqualTo("out of office until 2026-11-24T09:00:00Z");
        }

        @Test
        void admitsAPartnerBackAtTheMomentOfTheDecisionOrNotYetAway() {
            RoutablePartner back = partner("Back").outOfOffice(NOW.minus(Duration.ofDays(7)), NOW).build();
            RoutablePartner leavingSoon = partner("Soon").outOfOffice(NOW.plusSeconds(1), NOW.plus(Duration.ofDays(7))).build();

            assertThat(admits(rule, lead().build(), back)).isTrue();
            assertThat(admits(rule, lead().build(), leavingSoon)).isTrue();
        }
    }

    @Nested
    class Coverage {

        private final CoveragePolicy rule = new CoveragePolicy();

        @Test
        void aPartnerCoveringTheWholeCountryCoversEveryRegionOfIt() {
            assertThat(admits(rule, lead().in("FR", "FR-ARA").build(), partner("France").build())).isTrue();
            assertThat(admits(rule, lead().in("FR", "Rhône").build(), partner("France").build())).isTrue();
            assertThat(admits(rule, lead().in("FR", null).build(), partner("France").build())).isTrue();
        }

        @Test
        void excludesAPartnerOfAnotherCountry() {
            RoutablePartner belgian = partner("Belgium").countries("BE").build();

            assertThat(admits(rule, lead().build(), belgian)).isFalse();
            assertThat(rule.refusal(routed(lead().build()), belgian, Standing.NEW)).isEqualTo("does not cover FR");
        }

        @Test
        void aPartnerListingRegionsOfTheCountryCoversOnlyThoseRegions() {
            RoutablePartner parisOnly = partner("Paris").regions("FR-IDF").build();

            assertThat(admits(rule, lead().in("FR", "FR-IDF").build(), parisOnly)).isTrue();
            assertThat(admits(rule, lead().in("FR", "fr-idf").build(), parisOnly)).isTrue();
            assertThat(admits(rule, lead().in("FR", "FR-ARA").build(), parisOnly)).isFalse();
            assertThat(rule.refusal(routed(lead().in("FR", "FR-ARA").build()), parisOnly, Standing.NEW))
                    .isEqualTo("covers only FR-IDF in FR, not FR-ARA");
        }

        @Test
        void aRegionInFreeTextIsNotTakenToBeInAPartnersListedRegions() {
            RoutablePartner parisOnly = partner("Paris").regions("FR-IDF").build();

            assertThat(admits(rule, lead().in("FR", "Île-de-France").build(), parisOnly)).isFalse();
            assertThat(rule.refusal(routed(lead().in("FR", "Île-de-France").build()), parisOnly, Standing.NEW))
                    .isEqualTo("covers only FR-IDF in FR, and the lead's region 'Île-de-France' is not an ISO 3166-2 code");
        }

        @Test
        void regionsListedForAnotherCountryDoNotRestrictThisOne() {
            RoutablePartner partner = partner("Benelux and France").countries("FR", "BE").regions("BE-VLG").build();

            assertThat(admits(rule, lead().in("FR", "FR-ARA").build(), partner)).isTrue();
            assertThat(admits(rule, lead().in("BE", "BE-WAL").build(), partner)).isFalse();
        }

        @Test
        void aServiceAreaCoversLeadsWithinItsRadiusAcrossBorders() {
            RoutablePartner tournai = partner("Tournai").countries("BE").serviceArea("Tournai office", TOURNAI, 40).build();

            assertThat(admits(rule, lead().in("FR", "FR-HDF").at(LILLE).build(), tournai)).isTrue();
            assertThat(admits(rule, lead().in("FR", "FR-IDF").at(PARIS).build(), tournai)).isFalse();
            assertThat(rule.refusal(routed(lead().in("FR", "FR-IDF").at(PARIS).build()), tournai, Standing.NEW))
                    .isEqualTo("does not cover FR; nearest service area Tournai office is 208.3 km away (radius 40 km)");
        }

        @Test
        void aServiceAreaNeedsTheLeadsCoordinates() {
            RoutablePartner tournai = partner("Tournai").countries("BE").serviceArea("Tournai office", TOURNAI, 40).build();

            assertThat(admits(rule, lead().in("FR", "FR-HDF").build(), tournai)).isFalse();
        }

        @Test
        void remoteDeliveryCoversAnyLocationWhenEveryServiceAskedIsRemote() {
            RoutablePartner remote = partner("Remote").countries("DE").remoteServices("migration", "training").build();

            assertThat(admits(rule, lead().services("migration").build(), remote)).isTrue();
            assertThat(admits(rule, lead().services("migration", "support").build(), remote)).isFalse();
            assertThat(rule.refusal(routed(lead().services("migration", "support").build()), remote, Standing.NEW))
                    .isEqualTo("does not cover FR; does not deliver support remotely");
        }

        @Test
        void aLeadAskingNoServiceIsNotDeliveredRemotely() {
            RoutablePartner remote = partner("Remote").countries("DE").remoteServices("migration").build();

            assertThat(admits(rule, lead().products("postgresql").services().build(), remote)).isFalse();
        }

        @Test
        void greatCircleDistancesAreRight() {
            assertThat(GreatCircle.km(PARIS, LYON)).isBetween(390.0, 393.0);
            assertThat(GreatCircle.km(LYON, GRENOBLE)).isBetween(94.0, 96.0);
            assertThat(GreatCircle.km(LYON, LYON)).isZero();
        }
    }

    @Nested
    class Speciality {

        private final SpecialityPolicy rule = new SpecialityPolicy();

        @Test
        void oneOfTheProductsOrServicesAskedIsEnough() {
            assertThat(admits(rule, lead().build(), partner("PG").specialities("postgresql").build())).isTrue();
            assertThat(admits(rule, lead().build(), partner("Migrations").specialities("migration").build())).isTrue();
        }

        @Test
        void excludesAPartnerOfferingNoneOfThem() {
            RoutablePartner java = partner("Java").specialities("java").build();

            assertThat(admits(rule, lead().build(), java)).isFalse();
            assertThat(rule.refusal(routed(lead().build()), java, Standing.NEW)).isEqualTo("offers none of postgresql, migration");
        }

        @Test
        void theCustomersEnvironmentAloneIsNotEnough() {
            LeadReceived lead = lead().products("java").services().environment(new Environment(java.util.List.of("linux"), java.util.List.of(), java.util.List.of())).build();

            assertThat(admits(rule, lead, partner("Linux").specialities("linux").build())).isFalse();
        }

        @Test
        void expertiseCountsEvenWhenTheSpecialityListLacksIt() {
            RoutablePartner partner = new RoutablePartner(UUID.randomUUID(), "Odd copy", "GOLD", java.util.List.of("FR"),
                    java.util.List.of("java"), java.util.List.of("fr"), 5, true, 1, "ACTIVE", null,
                    java.util.List.of(new org.leadrelay.events.Expertise("DATABASE", "postgresql", "CERTIFIED", LocalDate.parse("2030-01-01"))),
                    null, null, null, null, null, null);

            assertThat(admits(rule, lead().build(), partner)).isTrue();
        }
    }

    @Nested
    class Language {

        @Test
        void admitsAPartnerServingInTheLeadsLanguageOrTheFallback() {
            LanguagePolicy rule = new LanguagePolicy("en");

            assertThat(admits(rule, lead().language("fr").build(), partner("French").languages("fr").build())).isTrue();
            assertThat(admits(rule, lead().language("fr").build(), partner("English").languages("en").build())).isTrue();
        }

        @Test
        void excludesAPartnerServingInNeither() {
            LanguagePolicy rule = new LanguagePolicy("en");
            RoutablePartner german = partner("German").languages("de").build();

            assertThat(admits(rule, lead().language("fr").build(), german)).isFalse();
            assertThat(rule.refusal(routed(lead().language("fr").build()), german, Standing.NEW))
                    .isEqualTo("serves in neither fr nor the fallback en (serves in de)");
        }

        @Test
        void withoutAFallbackOnlyTheLeadsLanguageCounts() {
            LanguagePolicy rule = new LanguagePolicy(null);
            RoutablePartner english = partner("English").languages("en").build();

            assertThat(admits(rule, lead().language("fr").build(), english)).isFalse();
            assertThat(rule.refusal(routed(lead().language("fr").build()), english, Standing.NEW))
                    .isEqualTo("does not serve in fr (serves in en)");
        }
    }

    @Nested
    class Capacity {

        private final CapacityPolicy rule = new CapacityPolicy();

        private boolean admits(RoutablePartner partner, int open, int thisWeek) {
            return rule.admits(routed(lead().build()), partner, new Standing(open, thisWeek, 0, 0, null, 0));
        }

        @Test
        void admitsWhileOpenLeadsAreBelowCapacity() {
            RoutablePartner partner = partner("Five").capacity(5).build();

            assertThat(admits(partner, 4, 100)).isTrue();
            assertThat(admits(partner, 5, 0)).isFalse();
            assertThat(rule.refusal(routed(lead().build()), partner, new Standing(5, 0, 0, 0, null, 0)))
                    .isEqualTo("holds 5 open leads, its capacity is 5");
        }

        @Test
        void excludesAPartnerAtItsWeeklyCapacity() {
            RoutablePartner partner = partner("Weekly").capacity(5).weeklyCapacity(10).build();

            assertThat(admits(partner, 0, 9)).isTrue();
            assertThat(admits(partner, 0, 10)).isFalse();
            assertThat(rule.refusal(routed(lead().build()), partner, new Standing(0, 10, 0, 0, null, 0)))
                    .isEqualTo("had 10 leads this week, its weekly capacity is 10");
        }

        @Test
        void aPartnerWithCapacityZeroTakesNoLeads() {
            RoutablePartner partner = partner("None").capacity(0).build();

            assertThat(admits(partner, 0, 0)).isFalse();
            assertThat(rule.refusal(routed(lead().build()), partner, Standing.NEW)).isEqualTo("takes no leads (capacity 0)");
        }
    }
}

package org.leadrelay.router.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.partners.RoutablePartners.LILLE;
import static org.leadrelay.router.partners.RoutablePartners.LYON;
import static org.leadrelay.router.partners.RoutablePartners.TOURNAI;
import static org.leadrelay.router.partners.RoutablePartners.lead;
import static org.leadrelay.router.partners.RoutablePartners.partner;
import static org.leadrelay.router.partners.RoutablePartners.pointAt;
import static org.leadrelay.router.partners.RoutablePartners.randomLead;
import static org.leadrelay.router.partners.RoutablePartners.randomPartner;
import static org.leadrelay.router.partners.RoutablePartners.relevant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.router.routing.AreaBox;
import org.leadrelay.router.routing.PartnerIndex;
import org.leadrelay.router.routing.RoutablePartner;

class PartnerIndexTest {


    @Test
    void findsPartnersOfTheCountryOfferingATermAskedAndNoOthers() {
        RoutablePartner postgresInFrance = partner("Postgres FR", List.of("FR"), List.of("postgresql"));
        RoutablePartner migrationInFrance = partner("Migration FR", List.of("FR"), List.of("migration"));
        RoutablePartner javaInFrance = partner("Java FR", List.of("FR"), List.of("java"));
        RoutablePartner postgresInBelgium = partner("Postgres BE", List.of("BE"), List.of("postgresql"));
        RoutablePartner certifiedOnly = partner("Certified FR", List.of("FR", "BE"), List.of(),
                List.of(new Expertise("PRODUCT", "PostgreSQL", Expertise.CERTIFIED, LocalDate.parse("2027-01-01"))), List.of(), List.of());
        PartnerIndex index = PartnerIndex.of(List.of(postgresInFrance, migrationInFrance, javaInFrance, postgresInBelgium, certifiedOnly));

        List<RoutablePartner> found = index.candidatesFor(lead("FR", List.of("PostgreSQL"), List.of("migration"), null));

        assertThat(found).containsExactlyInAnyOrder(postgresInFrance, migrationInFrance, certifiedOnly);
    }

    @Test
    void findsRemotePartnersOnlyWhenTheyDeliverEveryServiceAskedAndOfferATerm() {
        RoutablePartner remoteEverything = partner("Remote all", List.of("DE"), List.of("postgresql"), List.of(), List.of(),
                List.of("migration", "training"));
        RoutablePartner remoteTrainingOnly = partner("Remote training", List.of("DE"), List.of("postgresql"), List.of(), List.of(),
                List.of("training"));
        RoutablePartner remoteButOffersNothingAsked = partner("Remote cobol", List.of("DE"), List.of("cobol"), List.of(), List.of(),
                List.of("migration", "training"));
        PartnerIndex index = PartnerIndex.of(List.of(remoteEverything, remoteTrainingOnly, remoteButOffersNothingAsked));

        assertThat(index.candidatesFor(lead("FR", List.of("postgresql"), List.of("training", "migration"), null)))
                .containsExactly(remoteEverything);
        assertThat(index.candidatesFor(lead("FR", List.of("postgresql"), List.of(), null))).isEmpty();
    }

    @Test
    void findsPartnersWhoseServiceAreaReachesTheLeadAcrossABorder() {
        RoutablePartner tournai = partner("Tournai", List.of("BE"), List.of("postgresql"), List.of(),
                List.of(new ServiceArea("Tournai office", TOURNAI, 30)), List.of());
        RoutablePartner tournaiShortReach = partner("Tournai short", List.of("BE"), List.of("postgresql"), List.of(),
                List.of(new ServiceArea("Tournai office", TOURNAI, 20)), List.of());
        RoutablePartner tournaiOtherTrade = partner("Tournai java", List.of("BE"), List.of("java"), List.of(),
                List.of(new ServiceArea("Tournai office", TOURNAI, 30)), List.of());
        PartnerIndex index = PartnerIndex.of(List.of(tournai, tournaiShortReach, tournaiOtherTrade));

        // Lille is 23.5 km from Tournai
        assertThat(index.candidatesFor(lead("FR", List.of("postgresql"), List.of(), LILLE))).containsExactly(tournai);
        assertThat(index.candidatesFor(lead("FR", List.of("postgresql"), List.of(), LYON))).isEmpty();
        assertThat(index.candidatesFor(lead("FR", List.of("postgresql"), List.of(), null))).isEmpty();
    }

    @Test
    void listsAPartnerReachingTheLeadSeveralWaysOnce() {
        RoutablePartner everyWay = partner("Every way", List.of("FR"), List.of("postgresql", "migration"), List.of(),
                List.of(new ServiceArea(null, LILLE, 50)), List.of("migration"));
        PartnerIndex index = PartnerIndex.of(List.of(everyWay));

        assertThat(index.candidatesFor(lead("FR", List.of("postgresql"), List.of("migration"), LILLE))).containsExactly(everyWay);
    }

    /** A full scan by the coverage and speciality rules' own definitions, on a world-wide directory including the poles and the antimeridian. */
    @Test
    void returnsExactlyWhatAFullScanFindsRelevant() {
        Random random = new Random(7);
        List<RoutablePartner> partners = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            partners.add(randomPartner(random, i));
        }
        PartnerIndex index = PartnerIndex.of(partners);
        int found = 0;
        for (int i = 0; i < 600; i++) {
            LeadReceived lead = randomLead(random, i);
            Set<UUID> expected = partners.stream().filter(partner -> relevant(partner, lead)).map(RoutablePartner::id)
                    .collect(Collectors.toSet());

            List<RoutablePartner> candidates = index.candidatesFor(lead);

            List<UUID> ids = candidates.stream().map(RoutablePartner::id).toList();
            assertThat(ids).as("lead %d", i).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids)).as("lead %d", i).isEqualTo(expected);
            found += candidates.size();
        }
        assertThat(found).as("the random directory should give leads candidates").isGreaterThan(600);
    }

    @Test
    void anAreasBoundingBoxHoldsEveryPointOfTheArea() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Coordinates centre = new Coordinates(-89.9 + random.nextDouble() * 179.8, -180 + random.nextDouble() * 360);
            double radius = 1 + random.nextDouble() * (random.nextInt(10) == 0 ? 5000 : 300);
            AreaBox box = AreaBox.around(new ServiceArea(null, centre, radius));
            Coordinates point = pointAt(centre, radius * Math.sqrt(random.nextDouble()), random.nextDouble() * 2 * Math.PI);

            assertThat(box.contains(point)).as("%s within %s km of %s", point, radius, centre).isTrue();
        }
    }
}

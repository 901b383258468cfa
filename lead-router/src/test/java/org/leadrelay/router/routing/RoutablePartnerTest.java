package org.leadrelay.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.routing.Routables.NOW;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Absence;
import org.leadrelay.events.Availability;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.ServiceArea;

/** A partner made from the event: its facts as the event gives them, and what the rules read worked out from them once. */
class RoutablePartnerTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-23");

    @Test
    void keepsEveryRoutingFieldOfTheEvent() {
        PartnerUpserted event = new PartnerUpserted(UUID.randomUUID(), "Full", "PLATINUM", List.of("FR", "BE"), List.of("postgresql"),
                List.of("fr", "nl"), 7, "leads@full.example", URI.create("https://full.example/hook"), true, 4, NOW, "ACTIVE", null, 2.5,
                List.of(new Expertise("DATABASE", "postgresql", Expertise.CERTIFIED, LocalDate.parse("2027-06-30"))), List.of("BE-BRU"),
                List.of(new ServiceArea("Lyon office", Routables.LYON, 80)), List.of("migration"), 20,
                new Availability("Europe/Paris", List.of(), List.of(new Absence(NOW, NOW.plusSeconds(3600)))), Duration.ofHours(8),
                List.of(new NotificationContact("leads@full.example", "fr")), true, null, "Full SAS", null);

        RoutablePartner partner = RoutablePartner.from(event);

        assertThat(partner.id()).isEqualTo(event.partnerId());
        assertThat(partner.name()).isEqualTo("Full");
        assertThat(partner.tier()).isEqualTo("PLATINUM");
        assertThat(partner.countries()).containsExactly("FR", "BE");
        assertThat(partner.specialities()).containsExactly("postgresql");
        assertThat(partner.languages()).containsExactly("fr", "nl");
        assertThat(partner.capacity()).isEqualTo(7);
        assertThat(partner.active()).isTrue();
        assertThat(partner.revision()).isEqualTo(4);
        assertThat(partner.status()).isEqualTo("ACTIVE");
        assertThat(partner.takesLeads()).isTrue();
        assertThat(partner.routingWeight()).isEqualTo(2.5);
        assertThat(partner.expertise()).isEqualTo(event.expertise());
        assertThat(partner.regions()).containsExactly("BE-BRU");
        assertThat(partner.serviceAreas()).isEqualTo(event.serviceAreas());
        assertThat(partner.remoteServices()).containsExactly("migration");
        assertThat(partner.weeklyCapacity()).isEqualTo(20);
        assertThat(partner.availability()).isEqualTo(event.availability());
        assertThat(partner.answerDeadline()).isEqualTo(Duration.ofHours(8));
        assertThat(partner.absentAt(NOW)).isTrue();
        assertThat(partner.absentAt(NOW.plusSeconds(7200))).isFalse();
    }

    @Test
    void aCopyWithoutTheEventsLaterFieldsReadsThemAsNoneAndItsStatusFromActive() {
        RoutablePartner paused = new RoutablePartner(UUID.randomUUID(), "Early", "GOLD", List.of("FR"), List.of("java"), List.of("fr"), 5,
                false, 1, null, null, null, null, null, null, null, null, null);

        assertThat(paused.status()).isEqualTo("PAUSED");
        assertThat(paused.takesLeads()).isFalse();
        assertThat(paused.expertise()).isEmpty();
        assertThat(paused.regions()).isEmpty();
        assertThat(paused.serviceAreas()).isEmpty();
        assertThat(paused.remoteServices()).isEmpty();
        assertThat(paused.weeklyCapacity()).isNull();
        assertThat(paused.weeklyCapacityOrNone()).isEqualTo(-1);
        assertThat(paused.absentAt(NOW)).isFalse();
        assertThat(paused.mayBeAway).isFalse();
        assertThat(paused.areas).isEmpty();
        assertThat(new RoutablePartner(UUID.randomUUID(), "Early", "GOLD", List.of("FR"), List.of("java"), List.of("fr"), 5, true, 1, null,
                null, null, null, null, null, null, null, null).status()).isEqualTo("ACTIVE");
    }

    @Test
    void itsWordsAreSharedSoTheRulesCompareThemByIdentity() {
        // built at run time, so not the literal's instance
        String country = new String("FR");
        RoutablePartner partner = Routables.partner("Words").countries(country).languages(new String("fr")).remoteServices(new String("audit"))
                .build();

        assertThat(partner.countries().get(0)).isSameAs("FR");
        assertThat(RoutablePartner.has(partner.countryWords, "FR")).isTrue();
        assertThat(RoutablePartner.has(partner.countryWords, country)).as("an equal word not interned").isFalse();
        assertThat(RoutablePartner.has(partner.languageWords, "fr")).isTrue();
        assertThat(partner.deliversRemotely(List.of("audit"))).isTrue();
        assertThat(partner.deliversRemotely(List.of("audit", "training"))).isFalse();
        assertThat(partner.deliversRemotely(List.of())).isFalse();
    }

    @Test
    void offersItsSpecialitiesAndItsExpertiseAtTheLevelItHoldsThatDay() {
        RoutablePartner partner = new RoutablePartner(UUID.randomUUID(), "Levels", "GOLD", List.of("FR"), List.of("postgresql", "linux"),
                List.of("fr"), 5, true, 1, "ACTIVE", null,
                List.of(new Expertise("DATABASE", "postgresql", Expertise.EXPERIENCED, null),
                        new Expertise("DATABASE", "postgresql", Expertise.CERTIFIED, TODAY),
                        new Expertise("PRODUCT", "kafka", Expertise.CERTIFIED, TODAY.minusDays(1)),
                        new Expertise("PRODUCT", "java", Expertise.CERTIFIED, null)),
                null, null, null, null, null, null);

        assertThat(partner.terms).containsExactly("postgresql", "linux", "kafka", "java");
        assertThat(partner.level("postgresql", TODAY)).as("certified through today").isEqualTo(SpecialityFit.Level.CERTIFIED);
        assertThat(partner.level("postgresql", TODAY.plusDays(1))).isEqualTo(SpecialityFit.Level.LAPSED);
        assertThat(partner.level("kafka", TODAY)).as("only in its expertise, lapsed").isEqualTo(SpecialityFit.Level.LAPSED);
        assertThat(partner.level("java", TODAY.plusYears(50))).as("a certification without an end").isEqualTo(SpecialityFit.Level.CERTIFIED);
        assertThat(partner.level("linux", TODAY)).isEqualTo(SpecialityFit.Level.EXPERIENCED);
        assertThat(partner.level("cobol", TODAY)).isEqualTo(SpecialityFit.Level.NONE);
        assertThat(partner.offers("kafka")).isTrue();
        assertThat(partner.offers("cobol")).isFalse();
    }

    @Test
    void reachesThePointsWithinAServiceAreasRadius() {
        RoutablePartner partner = Routables.partner("Lyon").serviceArea("office", Routables.LYON, 10)
                .serviceArea(null, Routables.PARIS, 50).build();

        assertThat(partner.reaches(Routables.VILLEURBANNE.latitude(), Routables.VILLEURBANNE.longitude())).isTrue();
        assertThat(partner.reaches(Routables.GRENOBLE.latitude(), Routables.GRENOBLE.longitude())).isFalse();
        assertThat(partner.nearestAreaKm(Routables.LYON.latitude(), Routables.LYON.longitude())).isZero();
        Coordinates nowhere = new Coordinates(0, 0);
        assertThat(partner.reaches(nowhere.latitude(), nowhere.longitude())).isFalse();
    }

    @Test
    void partnersWithTheSameFactsAreEqualAndOnesThatDifferAreNot() {
        RoutablePartner one = Routables.partner("Same").certified("kafka", TODAY).build();
        RoutablePartner same = Routables.partner("Same").certified("kafka", TODAY).build();
        RoutablePartner paused = Routables.partner("Same").certified("kafka", TODAY).status("PAUSED").build();

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(paused);
        assertThat(one.toString()).startsWith("RoutablePartner[id=" + one.id() + ", name=Same,");
    }
}

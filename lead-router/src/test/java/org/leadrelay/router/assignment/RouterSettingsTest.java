package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Availability;
import org.leadrelay.events.BusinessHours;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.router.routing.RoutingWeights;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Routing weights and answer deadlines as configuration gives them. */
class RouterSettingsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void configuredWeightsReplaceTheDefaultsOneByOne() {
        RoutingSettings settings = bind("leadrelay.router.routing", RoutingSettings.class, Map.of(
                "leadrelay.router.routing.fairness", "0",
                "leadrelay.router.routing.fallback-language", "de",
                "leadrelay.router.routing.tier-weights.GOLD", "5",
                "leadrelay.router.routing.max-fallbacks", "5"));

        RoutingWeights weights = settings.weights();

        assertThat(weights.fairness()).isZero();
        assertThat(weights.fallbackLanguage()).isEqualTo("de");
        assertThat(weights.tierWeights()).containsEntry("GOLD", 5.0);
        assertThat(weights.maxFallbacks()).isEqualTo(5);
        assertThat(weights.speciality()).isEqualTo(RoutingWeights.DEFAULT.speciality());
        assertThat(weights.answerTimeReference()).isEqualTo(RoutingWeights.DEFAULT.answerTimeReference());
    }

    @Test
    void deadlinesFollowTheTierThePriorityAndThePartnersOwnOverride() {
        RouterProperties properties = bind("leadrelay.router", RouterProperties.class, Map.of(
                "leadrelay.router.deadlines.by-tier.GOLD", "8h",
                "leadrelay.router.deadlines.high-priority.GOLD", "2h",
                "leadrelay.router.deadlines.business-hours", "false"));
        AnswerDeadlines deadlines = new AnswerDeadlines(properties);
        RoutablePartner gold = Fixtures.partner("Gold", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"));
        RoutablePartner silver = Fixtures.partner("Silver", "SILVER", List.of("FR"), List.of("postgresql"), List.of("fr"));
        Instant now = Fixtures.NOW;

        assertThat(deadlines.respondBy(lead(50), gold, now)).isEqualTo(now.plus(Duration.ofHours(8)));
        assertThat(deadlines.respondBy(lead(5_000), gold, now)).isEqualTo(now.plus(Duration.ofHours(2)));
        assertThat(deadlines.respondBy(lead(50), silver, now)).as("no tier figure: the response time").isEqualTo(now.plus(Duration.ofHours(4)));
        RoutablePartner ownDeadline = withAvailability(gold, null, Duration.ofMinutes(30));
        assertThat(deadlines.respondBy(lead(5_000), ownDeadline, now)).isEqualTo(now.plus(Duration.ofMinutes(30)));
    }

    @Test
    void businessHoursCountOnlyTheHoursThePartnerWorksInItsTimeZone() {
        Availability weekdays = new Availability("Europe/Paris",
                List.of(new BusinessHours(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                        LocalTime.of(9, 0), LocalTime.of(18, 0))), List.of());
        Instant fridayFive = ZonedDateTime.of(2026, 11, 27, 17, 0, 0, 0, PARIS).toInstant();
        Instant saturdayNoon = ZonedDateTime.of(2026, 11, 28, 12, 0, 0, 0, PARIS).toInstant();
        Instant mondayEight = ZonedDateTime.of(2026, 11, 30, 8, 0, 0, 0, PARIS).toInstant();

        assertThat(AnswerDeadlines.addBusinessTime(fridayFive, Duration.ofHours(4), weekdays))
                .as("one hour on Friday, three on Monday").isEqualTo(ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, PARIS).toInstant());
        assertThat(AnswerDeadlines.addBusinessTime(saturdayNoon, Duration.ofHours(2), weekdays))
                .isEqualTo(ZonedDateTime.of(2026, 11, 30, 11, 0, 0, 0, PARIS).toInstant());
        assertThat(AnswerDeadlines.addBusinessTime(mondayEight, Duration.ofHours(9), weekdays))
                .isEqualTo(ZonedDateTime.of(2026, 11, 30, 18, 0, 0, 0, PARIS).toInstant());
        assertThat(AnswerDeadlines.addBusinessTime(mondayEight, Duration.ofHours(10), weekdays))
                .isEqualTo(ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, PARIS).toInstant());
    }

    @Test
    void reopeningALeadGivesTheRouterAFreshAttemptBudget() {
        LeadReceived lead = lead(10);
        java.util.function.BiFunction<Integer, String, LeadCase.Attempt> attempt = (number, by) -> new LeadCase.Attempt(number,
                UUID.randomUUID(), UUID.randomUUID(), "P" + number, Fixtures.NOW, Fixtures.NOW.plusSeconds(60), LeadCase.Outcome.DECLINED,
                null, Fixtures.NOW, by, null);
        LeadCase three = new LeadCase(lead.leadId(), lead, LeadCase.State.UNROUTABLE,
                List.of(attempt.apply(1, "router"), attempt.apply(2, "operator"), attempt.apply(3, "router"), attempt.apply(4, "router")),
                "no answer", Fixtures.NOW, 4, List.of());
        List<LeadCase.Attempt> afterReopening = new java.util.ArrayList<>(three.attempts());
        afterReopening.addAll(List.of(attempt.apply(5, "reopen"), attempt.apply(6, "router")));
        LeadCase reopened = new LeadCase(lead.leadId(), lead, LeadCase.State.OFFERED, afterReopening, null, Fixtures.NOW, 5, List.of());

        assertThat(three.routedAttempts()).as("operators' assignments do not count").isEqualTo(3);
        assertThat(reopened.routedAttempts()).isEqualTo(2);
    }

    private static LeadReceived lead(int employees) {
        LeadReceived lead = Fixtures.lead("FR", "fr", List.of("postgresql"), List.of());
        return new LeadReceived(lead.leadId(), lead.personal(), lead.need(), lead.location(), lead.language(), employees, lead.consent(),
                lead.source(), lead.origin(), lead.receivedAt());
    }

    private static RoutablePartner withAvailability(RoutablePartner p, Availability availability, Duration deadline) {
        return new RoutablePartner(p.id(), p.name(), p.tier(), p.countries(), p.specialities(), p.languages(), p.capacity(), p.active(),
                p.revision(), p.status(), p.routingWeight(), p.expertise(), p.regions(), p.serviceAreas(), p.remoteServices(),
                p.weeklyCapacity(), availability, deadline);
    }

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }
}

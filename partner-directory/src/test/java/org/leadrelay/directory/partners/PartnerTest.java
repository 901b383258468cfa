package org.leadrelay.directory.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Absence;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.kit.domain.NotAllowed;
import org.leadrelay.kit.domain.RuleBroken;
import org.leadrelay.kit.web.InvalidRequestException;

/** The partner's rules, one by one: each change is a new revision, or a refusal that says why. */
class PartnerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final Actor OPERATOR = Actor.operator("ada");

    private final UUID id = UUID.randomUUID();
    private final Actor self = Actor.partner(id);

    @Test
    void a_partner_pauses_and_resumes_itself_each_change_a_new_unpublished_revision() {
        Partner active = partner(PartnerStatus.ACTIVE);

        Partner paused = active.paused("on holiday", self, NOW);
        Partner resumed = paused.resumed(self, NOW.plusSeconds(60));

        assertThat(paused.status()).isEqualTo(PartnerStatus.PAUSED);
        assertThat(paused.statusReason()).isEqualTo("on holiday");
        assertThat(paused.revision()).isEqualTo(active.revision() + 1);
        assertThat(paused.published()).isFalse();
        assertThat(resumed.status()).isEqualTo(PartnerStatus.ACTIVE);
        assertThat(resumed.statusReason()).isNull();
        assertThat(resumed.updatedAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void nobody_pauses_a_suspended_partner() {
        Partner suspended = partner(PartnerStatus.SUSPENDED);

        assertThatThrownBy(() -> suspended.paused("why not", OPERATOR, NOW)).isInstanceOf(RuleBroken.class)
                .hasMessage("a suspended partner cannot be paused; an operator lifts the suspension");
        assertThatThrownBy(() -> suspended.paused("why not", self, NOW)).isInstanceOf(RuleBroken.class);
    }

    @Test
    void a_partner_still_onboarding_cannot_pause_itself_but_an_operator_may_set_it_paused() {
        Partner onboarding = partner(PartnerStatus.ONBOARDING);

        assertThatThrownBy(() -> onboarding.paused("not ready", self, NOW)).isInstanceOf(RuleBroken.class)
                .extracting(e -> ((RuleBroken) e).title()).isEqualTo("Still onboarding");
        assertThat(onboarding.paused("not ready", OPERATOR, NOW).status()).isEqualTo(PartnerStatus.PAUSED);
    }

    @Test
    void a_partner_resumes_itself_only_from_a_pause_an_operator_activates_and_lifts_suspensions() {
        for (PartnerStatus status : List.of(PartnerStatus.ONBOARDING, PartnerStatus.SUSPENDED, PartnerStatus.ACTIVE)) {
            Partner partner = partner(status);

            assertThatThrownBy(() -> partner.resumed(self, NOW)).isInstanceOf(RuleBroken.class)
                    .hasMessage("only a paused partner can resume itself; its status is " + status);
            assertThat(partner.resumed(OPERATOR, NOW).status()).isEqualTo(PartnerStatus.ACTIVE);
        }
    }

    @Test
    void only_an_operator_suspends_or_deletes() {
        Partner active = partner(PartnerStatus.ACTIVE);

        assertThatThrownBy(() -> active.suspended("late answers", self, NOW)).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> active.deleted(self, NOW)).isInstanceOf(NotAllowed.class);
        assertThat(active.suspended("late answers", OPERATOR, NOW).status()).isEqualTo(PartnerStatus.SUSPENDED);
        assertThat(active.deleted(OPERATOR, NOW).deleted()).isTrue();
    }

    @Test
    void a_partner_sets_its_capacity_up_to_the_operators_ceilings_and_an_operator_beyond() {
        Partner partner = partner(PartnerStatus.ACTIVE); // capacity 5, no ceiling: the partner may only lower it

        assertThat(partner.capacity(3, null, self, NOW).profile().capacity()).isEqualTo(3);
        assertThatThrownBy(() -> partner.capacity(6, null, self, NOW)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).errors().get(0).pointer()).isEqualTo("/capacity"));
        assertThat(partner.capacity(50, 100, OPERATOR, NOW).profile().weeklyCapacity()).isEqualTo(100);
    }

    @Test
    void a_weekly_capacity_left_out_keeps_the_current_one() {
        Partner weekly = partner(PartnerStatus.ACTIVE).capacity(5, 20, OPERATOR, NOW);

        assertThat(weekly.capacity(4, null, self, NOW).profile().weeklyCapacity()).isEqualTo(20);
    }

    @Test
    void out_of_office_keeps_the_time_zone_already_set() {
        Absence holiday = new Absence(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(8)));
        Partner first = partner(PartnerStatus.ACTIVE).outOfOffice(List.of(holiday), "Europe/Paris", NOW);

        Partner second = first.outOfOffice(List.of(), "America/Chicago", NOW);

        assertThat(first.outOfOffice()).containsExactly(holiday);
        assertThat(second.profile().availability().timeZone()).isEqualTo("Europe/Paris");
        assertThat(second.outOfOffice()).isEmpty();
    }

    @Test
    void a_rotated_secret_moves_to_the_next_generation_and_the_previous_one_signs_for_the_overlap() {
        Partner rotated = partner(PartnerStatus.ACTIVE).secretRotated(Duration.ofHours(24), NOW);

        assertThat(rotated.signing().generation()).isEqualTo(2);
        assertThat(rotated.signing().previousValidUntil()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    private Partner partner(PartnerStatus status) {
        PartnerProfile profile = new PartnerProfile("Acme Integrations", null, null, Tier.GOLD, null, List.of(), List.of("FR"),
                List.of(), List.of(), List.of(), List.of("fr"), 5, null, null, null, null, null,
                List.of(new NotificationContact("leads@acme.test", "fr")), null, false);
        return Partner.registered(id, profile, status, NOW.minusSeconds(3600));
    }
}

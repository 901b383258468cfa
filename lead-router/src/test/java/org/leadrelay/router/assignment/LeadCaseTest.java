package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.router.assignment.LeadCase.Attempt;
import org.leadrelay.router.assignment.LeadCase.Outcome;
import org.leadrelay.router.assignment.LeadCase.State;

/** A lead case's rules, one by one, without a database or a broker. */
class LeadCaseTest {

    private static final Instant OFFERED = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant RESPOND_BY = OFFERED.plus(Duration.ofHours(24));

    private final UUID leadId = UUID.randomUUID();
    private final UUID partner = UUID.randomUUID();
    private final UUID assignment = UUID.randomUUID();

    @Test
    void a_pending_offer_answered_in_time_by_its_partner_is_answerable() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        assertThat(offered.answerable(assignment, partner, true, OFFERED.plusSeconds(60))).get()
                .extracting(Attempt::assignmentId).isEqualTo(assignment);
    }

    @Test
    void the_same_answer_again_changes_nothing_and_the_other_answer_is_refused() {
        LeadCase accepted = withOffer(State.ACCEPTED, Outcome.ACCEPTED);

        assertThat(accepted.answerable(assignment, partner, true, OFFERED.plusSeconds(60))).isEmpty();
        assertThatThrownBy(() -> accepted.answerable(assignment, partner, false, OFFERED.plusSeconds(60)))
                .isInstanceOf(OfferClosedException.class).hasMessage("this lead was already accepted");
    }

    @Test
    void an_offer_settled_otherwise_says_what_happened_instead() {
        assertThatThrownBy(() -> withOffer(State.OFFERED, Outcome.EXPIRED).answerable(assignment, partner, true, OFFERED))
                .hasMessage("the deadline to answer this offer passed and the lead moved on");
        assertThatThrownBy(() -> withOffer(State.OFFERED, Outcome.WITHDRAWN).answerable(assignment, partner, true, OFFERED))
                .hasMessage("this lead was reassigned");
        assertThatThrownBy(() -> withOffer(State.OFFERED, Outcome.DECLINED).answerable(assignment, partner, true, OFFERED))
                .hasMessage("this lead was already declined");
    }

    @Test
    void an_answer_at_or_after_the_deadline_is_refused() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        assertThatThrownBy(() -> offered.answerable(assignment, partner, true, RESPOND_BY))
                .isInstanceOf(OfferClosedException.class).hasMessage("the deadline to answer this offer has passed");
    }

    @Test
    void another_partner_or_an_unknown_offer_is_not_known_here() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        assertThatThrownBy(() -> offered.answerable(assignment, UUID.randomUUID(), true, OFFERED))
                .hasMessage("this offer is not known here");
        assertThatThrownBy(() -> offered.answerable(UUID.randomUUID(), partner, true, OFFERED))
                .hasMessage("this offer is not known here");
    }

    @Test
    void an_erased_lead_takes_no_answer() {
        LeadCase erased = withOffer(State.ERASED, Outcome.WITHDRAWN);

        assertThatThrownBy(() -> erased.answerable(assignment, partner, true, OFFERED.plusSeconds(1)))
                .hasMessage(LeadCase.ERASED_OFFER);
    }

    @Test
    void an_operator_assigns_by_hand_unless_accepted_or_erased() {
        withOffer(State.OFFERED, Outcome.PENDING).requireAssignableByHand();
        withOffer(State.UNROUTABLE, Outcome.DECLINED).requireAssignableByHand();

        assertThatThrownBy(() -> withOffer(State.ACCEPTED, Outcome.ACCEPTED).requireAssignableByHand())
                .hasMessage("this lead was accepted: it stays with the partner that accepted it");
        assertThatThrownBy(() -> withOffer(State.ERASED, Outcome.WITHDRAWN).requireAssignableByHand())
                .hasMessage("this lead was erased at the customer's request: it is not offered again");
    }

    @Test
    void only_a_lead_in_the_operators_queue_is_reopened() {
        withOffer(State.UNROUTABLE, Outcome.DECLINED).requireReopenable();

        assertThatThrownBy(() -> withOffer(State.OFFERED, Outcome.PENDING).requireReopenable())
                .hasMessage("only a lead in the operators' queue can be reopened; this one is OFFERED");
    }

    @Test
    void reopening_starts_a_fresh_attempt_count_and_operators_offers_do_not_count() {
        LeadCase tried = new LeadCase(leadId, null, State.OFFERED, List.of(
                attempt(1, LeadCase.ROUTER, Outcome.DECLINED), attempt(2, LeadCase.ROUTER, Outcome.EXPIRED),
                attempt(3, LeadCase.REOPEN, Outcome.DECLINED), attempt(4, "ada", Outcome.DECLINED),
                attempt(5, LeadCase.ROUTER, Outcome.PENDING)), null, OFFERED, 5, List.of());

        assertThat(tried.routedAttempts()).isEqualTo(2);
        assertThat(tried.tried()).hasSize(1); // one partner throughout, declined last
    }

    @Test
    void a_settled_offer_replaces_the_pending_one_in_the_next_version() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);
        Attempt declined = offered.attempts().get(0).settled(Outcome.DECLINED, "too busy", OFFERED.plusSeconds(5));

        LeadCase settled = offered.settling(declined, OFFERED.plusSeconds(5));

        assertThat(settled.attempts()).containsExactly(declined);
        assertThat(settled.version()).isEqualTo(offered.version() + 1);
        assertThat(settled.tried()).containsEntry(partner, "declined");
        assertThat(settled.current()).isEmpty();
    }

    private LeadCase withOffer(State state, Outcome outcome) {
        Attempt attempt = new Attempt(1, assignment, partner, "Acme", OFFERED, RESPOND_BY, outcome, null,
                outcome == Outcome.PENDING ? null : OFFERED.plusSeconds(30), LeadCase.ROUTER, null);
        return new LeadCase(leadId, null, state, List.of(attempt), null, OFFERED, 1, List.of());
    }

    private Attempt attempt(int number, String by, Outcome outcome) {
        return new Attempt(number, UUID.randomUUID(), partner, "Acme", OFFERED, RESPOND_BY, outcome, null, null, by, null);
    }
}

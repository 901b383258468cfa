package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.LeadAccepted;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadDeclined;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.assignment.LeadCase.Attempt;
import org.leadrelay.router.assignment.LeadCase.Change;
import org.leadrelay.router.assignment.LeadCase.Offer;
import org.leadrelay.router.assignment.LeadCase.Outcome;
import org.leadrelay.router.assignment.LeadCase.State;
import org.leadrelay.router.assignment.LeadCase.Unroutable;

/** A lead case's rules, one by one, without a database or a broker. */
class LeadCaseTest {

    private static final Instant OFFERED = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant RESPOND_BY = OFFERED.plus(Duration.ofHours(24));
    private static final Instant LATER = OFFERED.plusSeconds(60);

    private final LeadReceived lead = Fixtures.postgresMigrationInLyon();
    private final UUID leadId = lead.leadId();
    private final UUID partner = UUID.randomUUID();
    private final UUID assignment = UUID.randomUUID();
    private final UUID nextPartner = UUID.randomUUID();

    @Test
    void a_pending_offer_answered_in_time_by_its_partner_is_answerable() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        assertThat(offered.answerable(assignment, partner, true, LATER)).get()
                .extracting(Attempt::assignmentId).isEqualTo(assignment);
    }

    @Test
    void the_same_answer_again_changes_nothing_and_the_other_answer_is_refused() {
        LeadCase accepted = withOffer(State.ACCEPTED, Outcome.ACCEPTED);

        assertThat(accepted.answerable(assignment, partner, true, LATER)).isEmpty();
        assertThat(accepted.accepted(assignment, partner, LATER)).isEmpty();
        assertThatThrownBy(() -> accepted.declined(assignment, partner, "busy", LATER))
                .isInstanceOf(OfferClosedException.class).hasMessage("this lead was already accepted");
        assertThat(withOffer(State.OFFERED, Outcome.DECLINED).declined(assignment, partner, "busy", LATER)).isEmpty();
    }

    @Test
    void an_offer_settled_otherwise_says_what_happened_instead() {
        assertThatThrownBy(() -> withOffer(State.OFFERED, Outcome.EXPIRED).accepted(assignment, partner, OFFERED))
                .hasMessage("the deadline to answer this offer passed and the lead moved on");
        assertThatThrownBy(() -> withOffer(State.OFFERED, Outcome.WITHDRAWN).accepted(assignment, partner, OFFERED))
                .hasMessage("this lead was reassigned");
        assertThatThrownBy(() -> withOffer(State.OFFERED, Outcome.DECLINED).accepted(assignment, partner, OFFERED))
                .hasMessage("this lead was already declined");
    }

    @Test
    void an_answer_at_or_after_the_deadline_is_refused() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        assertThatThrownBy(() -> offered.accepted(assignment, partner, RESPOND_BY))
                .isInstanceOf(OfferClosedException.class).hasMessage("the deadline to answer this offer has passed");
        assertThatThrownBy(() -> offered.declined(assignment, partner, null, RESPOND_BY))
                .isInstanceOf(OfferClosedException.class).hasMessage("the deadline to answer this offer has passed");
    }

    @Test
    void another_partner_or_an_unknown_offer_is_not_known_here() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        assertThatThrownBy(() -> offered.accepted(assignment, UUID.randomUUID(), OFFERED))
                .hasMessage("this offer is not known here");
        assertThatThrownBy(() -> offered.declined(UUID.randomUUID(), partner, null, OFFERED))
                .hasMessage("this offer is not known here");
    }

    @Test
    void an_erased_lead_takes_no_answer() {
        LeadCase erased = withOffer(State.ERASED, Outcome.WITHDRAWN);

        assertThatThrownBy(() -> erased.accepted(assignment, partner, OFFERED.plusSeconds(1)))
                .hasMessage(LeadCase.ERASED_OFFER);
    }

    @Test
    void an_acceptance_in_time_gives_the_lead_to_the_partner_with_the_sealed_contact() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        Change change = offered.accepted(assignment, partner, LATER).orElseThrow();

        assertThat(change.next().state()).isEqualTo(State.ACCEPTED);
        assertThat(change.next().version()).isEqualTo(offered.version() + 1);
        assertThat(change.settled()).singleElement().satisfies(accepted -> {
            assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(accepted.answeredAt()).isEqualTo(LATER);
        });
        assertThat(change.offer()).isEmpty();
        assertThat(change.events()).singleElement().satisfies(pending -> {
            assertThat(pending.id()).isEqualTo(EventIds.derived("accepted", assignment));
            assertThat(pending.event()).isEqualTo(new LeadAccepted(leadId, assignment, partner, LATER, lead.personal()));
        });
        assertThat(change.next().pending()).isEqualTo(change.events());
    }

    @Test
    void a_decline_settles_the_offer_and_leaves_the_lead_to_be_offered_on_without_that_partner() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        Change change = offered.declined(assignment, partner, "  too busy ", LATER).orElseThrow();

        assertThat(change.next().state()).as("offered on in the same change").isEqualTo(State.OFFERED);
        assertThat(change.next().current()).isEmpty();
        assertThat(change.next().tried()).containsEntry(partner, "declined");
        assertThat(change.settled()).singleElement().extracting(Attempt::outcome, Attempt::reason)
                .containsExactly(Outcome.DECLINED, "too busy");
        assertThat(change.events()).extracting(LeadCase.PendingEvent::event)
                .containsExactly(new LeadDeclined(leadId, assignment, partner, "too busy", LATER));
        assertThat(offered.declined(assignment, partner, " ", LATER).orElseThrow().settled().get(0).reason())
                .as("a blank reason is no reason").isNull();
    }

    @Test
    void a_decline_and_the_next_offer_are_one_change_of_one_version() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);
        Change declined = offered.declined(assignment, partner, null, LATER).orElseThrow();

        Change movedOn = declined.then(settled -> settled.offered(offer(nextPartner), LATER));

        assertThat(movedOn.next().version()).isEqualTo(offered.version() + 1);
        assertThat(movedOn.settled()).extracting(Attempt::assignmentId).containsExactly(assignment);
        assertThat(movedOn.offered().number()).isEqualTo(2);
        assertThat(movedOn.offered().assignmentId()).isEqualTo(offered.nextAssignmentId());
        assertThat(movedOn.events()).hasSize(2).first().extracting(LeadCase.PendingEvent::event).isInstanceOf(LeadDeclined.class);
        LeadReassigned reassigned = (LeadReassigned) movedOn.events().get(1).event();
        assertThat(reassigned.reason()).isEqualTo("declined");
        assertThat(reassigned.previousPartnerId()).isEqualTo(partner);
        assertThat(reassigned.partnerId()).isEqualTo(nextPartner);
        assertThat(movedOn.next().pending()).isEqualTo(movedOn.events());
        assertThat(movedOn.next().attempts()).extracting(Attempt::outcome).containsExactly(Outcome.DECLINED, Outcome.PENDING);
    }

    @Test
    void each_time_a_lead_goes_to_the_queue_its_event_has_an_id_of_its_own() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);
        Change declined = offered.declined(assignment, partner, null, LATER).orElseThrow()
                .then(settled -> settled.queuedAsUnroutable(Unroutable.NOBODY_ELIGIBLE, "nobody else", List.of(), Map.of(), LATER));
        LeadCase queued = declined.next();
        queued.requireReopenable();
        Change reopenedToNobody = queued.queuedAsUnroutable(Unroutable.NOBODY_ELIGIBLE, "nobody else", List.of(), Map.of(), LATER);

        assertThat(queued.version()).isEqualTo(offered.version() + 1);
        assertThat(declined.events()).last().extracting(LeadCase.PendingEvent::id)
                .isEqualTo(EventIds.derived(LeadCase.UNROUTABLE_FROM, leadId, offered.version()));
        assertThat(reopenedToNobody.events()).singleElement().extracting(LeadCase.PendingEvent::id)
                .isEqualTo(EventIds.derived(LeadCase.UNROUTABLE_FROM, leadId, queued.version()))
                .isNotEqualTo(declined.events().get(1).id());
    }

    @Test
    void an_offer_expires_only_once_due_and_still_waiting() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        assertThat(offered.expired(assignment, RESPOND_BY.minusMillis(1))).as("not due").isEmpty();
        assertThat(withOffer(State.ACCEPTED, Outcome.ACCEPTED).expired(assignment, RESPOND_BY)).as("answered meanwhile").isEmpty();
        assertThat(offered.expired(UUID.randomUUID(), RESPOND_BY)).as("not this lead's").isEmpty();

        Change expired = offered.expired(assignment, RESPOND_BY).orElseThrow();
        assertThat(expired.settled()).singleElement().extracting(Attempt::outcome, Attempt::reason)
                .containsExactly(Outcome.EXPIRED, "no answer by " + RESPOND_BY);
        assertThat(expired.events()).extracting(LeadCase.PendingEvent::event)
                .containsExactly(new LeadAssignmentExpired(leadId, assignment, partner, RESPOND_BY, RESPOND_BY));
        assertThat(expired.next().tried()).containsEntry(partner, "expired");
        Offer nextOffer = new Offer(nextPartner, "Beta", RESPOND_BY.plus(Duration.ofHours(24)), offer(nextPartner).score(), List.of(),
                List.of(), Map.of(), null);
        LeadReassigned next = (LeadReassigned) expired.next().offered(nextOffer, RESPOND_BY).offered().event();
        assertThat(next.reason()).isEqualTo("expired");
    }

    @Test
    void the_first_offer_is_lead_assigned_under_the_id_its_place_was_reserved_with() {
        LeadCase opened = LeadCase.opened(lead, OFFERED);
        UUID reserved = opened.nextAssignmentId();

        Change change = opened.offered(offer(nextPartner), OFFERED);

        assertThat(change.next().state()).isEqualTo(State.OFFERED);
        assertThat(change.offered()).satisfies(first -> {
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.assignmentId()).isEqualTo(reserved);
            assertThat(first.assignedBy()).isEqualTo(LeadCase.ROUTER);
            assertThat(first.respondBy()).isEqualTo(RESPOND_BY);
        });
        assertThat(change.next().current()).contains(change.offered());
        assertThat(change.events()).singleElement().satisfies(pending -> {
            assertThat(pending.id()).isEqualTo(EventIds.derived("offered", reserved));
            assertThat(pending.event()).isInstanceOfSatisfying(LeadAssigned.class, assigned -> {
                assertThat(assigned.partnerId()).isEqualTo(nextPartner);
                assertThat(assigned.lead()).isEqualTo(lead.brief());
            });
        });
    }

    @Test
    void the_router_offers_or_queues_a_lead_only_when_no_offer_waits_and_nobody_holds_it() {
        for (LeadCase held : List.of(withOffer(State.OFFERED, Outcome.PENDING), withOffer(State.ACCEPTED, Outcome.ACCEPTED),
                withOffer(State.ERASED, Outcome.WITHDRAWN))) {
            assertThatThrownBy(() -> held.offered(offer(nextPartner), LATER)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> held.queuedAsUnroutable(Unroutable.NOBODY_ELIGIBLE, "nobody", List.of(), Map.of(), LATER))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void a_lead_nobody_can_take_goes_to_the_operators_queue_saying_why() {
        LeadCase declined = withOffer(State.OFFERED, Outcome.DECLINED);
        List<PassedOver> passedOver = IntStream.range(0, 25).mapToObj(i -> new PassedOver(UUID.randomUUID(), "P" + i, "full")).toList();

        Change change = declined.queuedAsUnroutable(Unroutable.CAPACITY_TAKEN, "every eligible partner's capacity was taken", passedOver,
                Map.of("capacity", 25), LATER);

        assertThat(change.next().state()).isEqualTo(State.UNROUTABLE);
        assertThat(change.next().reason()).isEqualTo("every eligible partner's capacity was taken");
        assertThat(change.unroutable()).isEqualTo(Unroutable.CAPACITY_TAKEN);
        assertThat(change.unroutable().category()).isEqualTo("capacity-taken");
        assertThat(change.offer()).isEmpty();
        assertThat(change.events()).singleElement().satisfies(pending -> {
            assertThat(pending.id()).isEqualTo(EventIds.derived(LeadCase.UNROUTABLE_FROM, leadId, declined.version()));
            assertThat(pending.event()).isInstanceOfSatisfying(LeadUnroutable.class, unroutable -> {
                assertThat(unroutable.passedOver()).as("the first 20 named, all counted").hasSize(20);
                assertThat(unroutable.passedOverCounts()).containsEntry("capacity", 25);
                assertThat(unroutable.attempts()).isEqualTo(1);
            });
        });
    }

    @Test
    void an_operator_assigns_by_hand_unless_accepted_or_erased() {
        withOffer(State.OFFERED, Outcome.PENDING).requireAssignableByHand();
        withOffer(State.UNROUTABLE, Outcome.DECLINED).requireAssignableByHand();

        assertThatThrownBy(() -> withOffer(State.ACCEPTED, Outcome.ACCEPTED).assignedByHand(nextPartner, "Beta", RESPOND_BY, "ada", "x", LATER))
                .hasMessage("this lead was accepted: it stays with the partner that accepted it");
        assertThatThrownBy(() -> withOffer(State.ERASED, Outcome.WITHDRAWN).assignedByHand(nextPartner, "Beta", RESPOND_BY, "ada", "x", LATER))
                .hasMessage("this lead was erased at the customer's request: it is not offered again");
    }

    @Test
    void an_operators_assignment_withdraws_the_waiting_offer_and_counts_no_router_attempt() {
        LeadCase offered = withOffer(State.OFFERED, Outcome.PENDING);

        Change change = offered.assignedByHand(nextPartner, "Beta", RESPOND_BY, "ada", "knows them", LATER);

        assertThat(change.settled()).singleElement().extracting(Attempt::assignmentId, Attempt::outcome, Attempt::reason)
                .containsExactly(assignment, Outcome.WITHDRAWN, "assigned by ada");
        assertThat(change.offered().assignedBy()).isEqualTo("ada");
        assertThat(change.offered().assignmentId()).isEqualTo(offered.nextAssignmentId());
        assertThat(change.next().current()).contains(change.offered());
        assertThat(change.next().routedAttempts()).isEqualTo(1);
        assertThat(change.events()).singleElement().extracting(LeadCase.PendingEvent::event).isInstanceOfSatisfying(LeadReassigned.class,
                reassigned -> {
                    assertThat(reassigned.reason()).isEqualTo("operator: knows them");
                    assertThat(reassigned.previousPartnerId()).isEqualTo(partner);
                    assertThat(reassigned.score().components()).extracting(ScoreComponent::reason)
                            .containsExactly("assigned by ada: knows them");
                });
    }

    @Test
    void only_a_lead_in_the_operators_queue_is_reopened() {
        withOffer(State.UNROUTABLE, Outcome.DECLINED).requireReopenable();

        assertThatThrownBy(() -> withOffer(State.OFFERED, Outcome.PENDING).requireReopenable())
                .hasMessage("only a lead in the operators' queue can be reopened; this one is OFFERED");
    }

    @Test
    void a_reopened_lead_is_offered_again_with_a_fresh_attempt_budget() {
        LeadCase exhausted = new LeadCase(leadId, lead, State.UNROUTABLE, List.of(attempt(1, LeadCase.ROUTER, Outcome.DECLINED),
                attempt(2, LeadCase.ROUTER, Outcome.EXPIRED), attempt(3, LeadCase.ROUTER, Outcome.DECLINED)), "no answer after 3 offers",
                OFFERED, 4, List.of());
        LeadCase stillRouting = new LeadCase(leadId, lead, State.OFFERED, exhausted.attempts(), null, OFFERED, 4, List.of());

        assertThat(stillRouting.attemptsLeft(3)).isFalse();
        assertThat(stillRouting.attemptsLeft(4)).isTrue();
        assertThat(exhausted.attemptsLeft(3)).as("reopening starts a fresh count").isTrue();

        Change reopened = exhausted.offered(offer(nextPartner), LATER);

        assertThat(reopened.offered().assignedBy()).isEqualTo(LeadCase.REOPEN);
        assertThat(reopened.next().routedAttempts()).isEqualTo(1);
        assertThat(reopened.next().reason()).isNull();
        assertThat(((LeadReassigned) reopened.offered().event()).reason()).isEqualTo("reopened");
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
    void erasing_forgets_the_person_withdraws_the_waiting_offer_and_keeps_what_was_decided() {
        LeadCase offered = LeadCase.opened(lead, OFFERED).offered(offer(nextPartner), OFFERED).next();

        Change erased = offered.erased(LATER).orElseThrow();

        assertThat(erased.next().state()).isEqualTo(State.ERASED);
        assertThat(erased.next().lead().personal()).isNull();
        assertThat(erased.next().lead().leadId()).isEqualTo(leadId);
        assertThat(erased.settled()).singleElement().extracting(Attempt::partnerId, Attempt::outcome, Attempt::reason)
                .containsExactly(nextPartner, Outcome.WITHDRAWN, LeadCase.ERASED_REASON);
        assertThat(erased.next().attempts()).singleElement().extracting(Attempt::outcome).isEqualTo(Outcome.WITHDRAWN);
        assertThat(erased.next().attempts().get(0).event()).isEqualTo(offered.attempts().get(0).event().erased());
        assertThat(erased.next().pending()).as("the waiting LeadAssigned goes out without the customer's words")
                .extracting(LeadCase.PendingEvent::event).containsExactly(offered.pending().get(0).event().erased());
        assertThat(erased.events()).isEmpty();
        assertThat(erased.next().erased(LATER.plusSeconds(1))).as("erasing again changes nothing").isEmpty();
    }

    @Test
    void a_lead_erased_before_it_was_received_holds_nothing_of_it() {
        Change unseen = LeadCase.erasedUnseen(leadId, LATER);

        assertThat(unseen.next().lead()).isNull();
        assertThat(unseen.next().state()).isEqualTo(State.ERASED);
        assertThat(unseen.next().version()).isZero();
        assertThat(unseen.next().erased(LATER)).isEmpty();
    }

    private Offer offer(UUID to) {
        return new Offer(to, "Beta", RESPOND_BY, Score.of(List.of(new ScoreComponent("coverage", 10, "serves Lyon"))), List.of(),
                List.of(), Map.of(), null);
    }

    private LeadCase withOffer(State state, Outcome outcome) {
        Attempt attempt = new Attempt(1, assignment, partner, "Acme", OFFERED, RESPOND_BY, outcome, null,
                outcome == Outcome.PENDING ? null : OFFERED.plusSeconds(30), LeadCase.ROUTER, null);
        return new LeadCase(leadId, lead, state, List.of(attempt), null, OFFERED, 1, List.of());
    }

    private Attempt attempt(int number, String by, Outcome outcome) {
        return new Attempt(number, UUID.randomUUID(), partner, "Acme", OFFERED, RESPOND_BY, outcome, null, null, by, null);
    }
}

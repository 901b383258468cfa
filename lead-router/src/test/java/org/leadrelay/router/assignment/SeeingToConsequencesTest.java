package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.assignment.LeadCase.Change;
import org.leadrelay.router.assignment.LeadCase.Offer;

/** What a change brings about outside its case, read from the change, with the collaborators kept in memory. */
class SeeingToConsequencesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final Duration HOLD = Duration.ofDays(14);

    private final LeadReceived lead = Fixtures.postgresMigrationInLyon();
    private final UUID partner = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final Map<UUID, LeadCase> stored = new HashMap<>();
    private final List<String> done = new ArrayList<>();
    private final SeeingToConsequences consequences = new SeeingToConsequences(new StoredCases(), new Loads(), new Records(),
            new Timers(), new RouterProperties(Duration.ofHours(4), new RouterProperties.Deadlines(Map.of(), Map.of(), 250, true), 3, HOLD,
                    Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofDays(30), Duration.ofDays(30)));

    @Test
    void aNewOfferIsTimedBeforeTheWriteAndRecordedAfterIt() {
        Change first = LeadCase.opened(lead, NOW).offered(offer(partner), NOW);

        consequences.beforeStoring(first);
        assertThat(done).containsExactly("schedule " + first.offered().assignmentId() + ":expire at " + NOW.plus(Duration.ofHours(1)));
        done.clear();
        consequences.stored(first);
        assertThat(done).containsExactly("offered " + partner);
    }

    @Test
    void aDeclineGivesThePlaceBackAndRecordsTheAnswerAndAnAcceptanceHoldsItUntilItsReleaseTimer() {
        LeadCase offered = LeadCase.opened(lead, NOW).offered(offer(partner), NOW).next();
        UUID offer = offered.current().orElseThrow().assignmentId();

        consequences.stored(offered.declined(offer, partner, null, NOW.plusSeconds(60)).orElseThrow());
        assertThat(done).containsExactly("release " + partner + " " + offer, "answered " + partner + " false PT1M");
        done.clear();
        consequences.stored(offered.accepted(offer, partner, NOW.plusSeconds(60)).orElseThrow());
        assertThat(done).containsExactly("answered " + partner + " true PT1M",
                "schedule " + offer + ":release at " + NOW.plusSeconds(60).plus(HOLD));
    }

    @Test
    void aLostWriteGivesTheReservationBackUnlessTheWinnerMadeTheSameOffer() {
        LeadCase opened = LeadCase.opened(lead, NOW);
        Change mine = opened.offered(offer(partner), NOW);
        String week = PartnerLoads.week(NOW);

        stored.put(lead.leadId(), opened.offered(offer(partner), NOW).next());
        consequences.lost(mine);
        assertThat(done).as("one reservation, the winner's").isEmpty();

        stored.put(lead.leadId(), opened.offered(offer(other), NOW).next());
        consequences.lost(mine);
        assertThat(done).containsExactly("cancel " + partner + " " + mine.offered().assignmentId() + " " + week);
    }

    private Offer offer(UUID to) {
        return new Offer(to, "Acme", NOW.plus(Duration.ofHours(1)), Score.of(List.of(new ScoreComponent("coverage", 10, "serves Lyon"))),
                List.of(), List.of(), Map.of(), null);
    }

    private final class StoredCases implements LeadCases {
        @Override
        public boolean open(LeadCase leadCase) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<LeadCase> find(UUID leadId) {
            return Optional.ofNullable(stored.get(leadId));
        }

        @Override
        public boolean replace(LeadCase changed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clearPending(UUID leadId, long version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<LeadCase> unroutable(int limit) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Loads implements PartnerLoads {
        @Override
        public boolean reserve(UUID partnerId, UUID assignmentId, int capacity, Integer weeklyCapacity, String week) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void force(UUID partnerId, UUID assignmentId, String week) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(UUID partnerId, UUID assignmentId) {
            done.add("release " + partnerId + " " + assignmentId);
        }

        @Override
        public void cancel(UUID partnerId, UUID assignmentId, String week) {
            done.add("cancel " + partnerId + " " + assignmentId + " " + week);
        }

        @Override
        public Map<UUID, Load> of(Collection<UUID> partnerIds, String week) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<UUID, Load> all(String week) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Records implements PartnerRecords {
        @Override
        public void offered(UUID partnerId, UUID assignmentId, Instant at) {
            done.add("offered " + partnerId);
        }

        @Override
        public void answered(UUID partnerId, UUID assignmentId, boolean accepted, Duration took, Instant at) {
            done.add("answered " + partnerId + " " + accepted + " " + took);
        }

        @Override
        public Map<UUID, Record> of(Collection<UUID> partnerIds, Instant now) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Timers implements Deadlines {
        @Override
        public void schedule(Timer timer) {
            done.add("schedule " + timer.id() + " at " + timer.dueAt());
        }

        @Override
        public List<Timer> claimDue(Instant now, Duration lease, String owner, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void done(String timerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long open() {
            return 0;
        }

        @Override
        public Duration behind(Instant now) {
            return Duration.ZERO;
        }
    }
}

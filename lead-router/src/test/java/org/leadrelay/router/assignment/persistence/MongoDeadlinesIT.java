package org.leadrelay.router.assignment.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.router.assignment.Deadlines.Timer;
import org.leadrelay.testing.InfrastructureExtension;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The timing wheel in the real (embedded) database, with the router's own clock moved by hand. */
@WithInfrastructure
class MongoDeadlinesIT {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = InfrastructureExtension.mongoClient();
        mongo = new MongoTemplate(client, "lead-router-deadlines");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void empty() {
        mongo.getDb().drop();
    }

    private static MongoDeadlines at(Instant now) {
        return new MongoDeadlines(mongo, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Timer expiry(Instant dueAt) {
        return Timer.expiry(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), dueAt);
    }

    @Test
    void aTimerFiresWhenDueOnceAndIsForgottenWhenDone() {
        Timer timer = expiry(START.plusSeconds(60));
        at(START).schedule(timer);
        at(START).schedule(timer); // the same timer twice is one timer

        assertThat(at(START.plusSeconds(59)).claimDue(START.plusSeconds(59), LEASE, "a", 100)).isEmpty();
        List<Timer> due = at(START.plusSeconds(61)).claimDue(START.plusSeconds(61), LEASE, "a", 100);
        assertThat(due).containsExactly(timer);
        // held by "a" under its lease: nobody else gets it meanwhile
        assertThat(at(START.plusSeconds(62)).claimDue(START.plusSeconds(62), LEASE, "b", 100)).isEmpty();

        at(START.plusSeconds(62)).done(timer.id());

        assertThat(at(START).open()).isZero();
        assertThat(at(START.plusSeconds(200)).claimDue(START.plusSeconds(200), LEASE, "b", 100)).isEmpty();
    }

    @Test
    void aTimerWhoseHolderDiedFiresAgainWhenTheLeaseRunsOut() {
        Timer timer = expiry(START.plusSeconds(5));
        at(START).schedule(timer);
        assertThat(at(START.plusSeconds(10)).claimDue(START.plusSeconds(10), LEASE, "dies", 100)).containsExactly(timer);

        Instant afterLease = START.plusSeconds(10).plus(LEASE).plusSeconds(1);
        assertThat(at(afterLease).claimDue(afterLease, LEASE, "survivor", 100)).containsExactly(timer);
    }

    @Test
    void aTimerDueInThePastFiresAtOnce() {
        Timer late = expiry(START.minusSeconds(3_600));
        at(START).schedule(late);

        assertThat(at(START).claimDue(START, LEASE, "a", 100)).containsExactly(late);
    }

    @Test
    void howFarTheWatchIsBehindIsTheAgeOfItsOldestUnfinishedSecond() {
        Timer stuck = expiry(START.plusSeconds(60));
        at(START).schedule(stuck);
        assertThat(at(START).behind(START)).as("nothing watched yet").isZero();

        // fired but never done (its holder died): the watch stays on that second
        Instant later = START.plus(Duration.ofMinutes(10));
        assertThat(at(later).claimDue(later, LEASE, "dies", 100)).containsExactly(stuck);
        at(later).claimDue(later, LEASE, "other", 100);
        assertThat(at(later).behind(later)).isEqualTo(Duration.ofMinutes(9).minus(MongoDeadlines.SETTLING));

        Instant afterLease = later.plus(LEASE).plusSeconds(1);
        assertThat(at(afterLease).claimDue(afterLease, LEASE, "survivor", 100)).containsExactly(stuck);
        at(afterLease).done(stuck.id());
        at(afterLease).claimDue(afterLease, LEASE, "survivor", 100);
        assertThat(at(afterLease).behind(afterLease)).as("caught up").isZero();
    }

    @Test
    void theWatchCatchesUpAfterAnOutageAndFiresInDueOrder() {
        List<Timer> timers = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            Timer timer = expiry(START.plusSeconds(i * 97L));
            timers.add(timer);
            at(START).schedule(timer);
        }
        Instant muchLater = START.plus(Duration.ofHours(3)); // no instance watched in between

        List<Timer> fired = new ArrayList<>();
        List<Timer> batch;
        do {
            batch = at(muchLater).claimDue(muchLater, LEASE, "a", 20);
            fired.addAll(batch);
            batch.forEach(timer -> at(muchLater).done(timer.id()));
        } while (!batch.isEmpty());

        assertThat(fired).containsExactlyElementsOf(timers);
    }

    @Test
    void findingTheDueTimersReadsOnlyTheirSecondsHoweverManyAreOpen() {
        // a day of open offers ahead: 20,000 timers due over the next 24 hours
        for (int i = 0; i < 5_000; i++) {
            at(START).schedule(expiry(START.plusSeconds(60 + (i * 86_400L / 5_000))));
        }
        Timer soon = expiry(START.plusSeconds(10));
        at(START).schedule(soon);

        assertThat(at(START.plusSeconds(11)).claimDue(START.plusSeconds(11), LEASE, "a", 100)).containsExactly(soon);
        at(START.plusSeconds(11)).done(soon.id());
        // the settled seconds behind the watch are dropped: the slots ahead are the open timers' seconds only
        Instant later = START.plusSeconds(50);
        assertThat(at(later).claimDue(later, LEASE, "a", 100)).isEmpty();
        assertThat(mongo.getCollection("timer_slots").countDocuments(new org.bson.Document("_id",
                new org.bson.Document("$lt", later.minus(MongoDeadlines.SETTLING).getEpochSecond())))).isZero();
        assertThat(at(later).open()).isEqualTo(5_000);
    }
}

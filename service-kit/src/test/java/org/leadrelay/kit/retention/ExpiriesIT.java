package org.leadrelay.kit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.kit.KitTestApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

@WithInfrastructure
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.mongodb.database=service-kit-expiries-it",
        "leadrelay.events.source=/leadrelay/kit-tests"})
class ExpiriesIT {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    @Autowired
    MongoTemplate mongo;

    private final MutableClock clock = new MutableClock(START);

    @BeforeEach
    void emptyWheel() {
        mongo.dropCollection(Expiries.SLOTS);
        mongo.dropCollection(Expiries.CURSORS);
    }

    private Expiries wheel(String kind) {
        return new Expiries(mongo, kind, Duration.ofMinutes(1), clock);
    }

    private static List<Object> expire(Expiries expiries) {
        List<Object> handed = new ArrayList<>();
        expiries.expireDue(100, handed::addAll);
        return handed;
    }

    @Test
    void handsOverAnIdOnlyOnceItsTimeIsOverAndThenForgetsIt() {
        Expiries leads = wheel("leads");
        leads.expireAt("a", START.plus(Duration.ofDays(30)));
        leads.expireAt("b", START.plus(Duration.ofDays(30)).plusSeconds(90));
        leads.expireAt("c", START.plus(Duration.ofHours(1)));

        assertThat(expire(leads)).isEmpty();
        clock.now = START.plus(Duration.ofHours(1)).plusSeconds(61);
        assertThat(expire(leads)).containsExactly("c");
        assertThat(expire(leads)).as("forgotten once handed over").isEmpty();

        clock.now = START.plus(Duration.ofDays(30)).plusSeconds(30);
        assertThat(expire(leads)).as("a's slot is not over yet").isEmpty();
        clock.now = START.plus(Duration.ofDays(30)).plusSeconds(61);
        assertThat(expire(leads)).containsExactly("a");
        clock.now = START.plus(Duration.ofDays(31));
        assertThat(expire(leads)).containsExactly("b");
        assertThat(mongo.findAll(org.bson.Document.class, Expiries.SLOTS))
                .allSatisfy(slot -> assertThat(slot.getList("ids", Object.class)).isEmpty());
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(expire(leads)).isEmpty();
        assertThat(mongo.getCollection(Expiries.SLOTS).countDocuments()).as("settled empty slots are dropped").isZero();
    }

    @Test
    void anIdWhoseTimeIsPastExpiresAtTheNextRunAndKindsStayApart() {
        Expiries keys = wheel("idempotency-keys");
        Expiries leads = wheel("leads");
        keys.expireAt("late", START.minus(Duration.ofDays(3)));
        leads.expireAt("lead", START.plus(Duration.ofDays(1)));

        clock.now = START.plusSeconds(61);
        assertThat(expire(keys)).containsExactly("late");
        assertThat(expire(leads)).isEmpty();
    }

    @Test
    void aFailedHandOverLeavesTheSlotForTheNextRun() {
        Expiries leads = wheel("leads");
        leads.expireAt("a", START.plusSeconds(10));
        clock.now = START.plus(Duration.ofMinutes(5));

        assertThatThrownBy(() -> leads.expireDue(100, ids -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");

        assertThat(expire(leads)).containsExactly("a");
    }

    @Test
    void manySlotsAreHandedOverInRunsOfAtMostTheLimit() {
        Expiries leads = wheel("leads");
        for (int minute = 0; minute < 250; minute++) {
            leads.expireAt("lead-" + minute, START.plus(Duration.ofMinutes(minute)));
        }
        clock.now = START.plus(Duration.ofDays(30)); // a long outage of the sweeper

        List<Object> handed = new ArrayList<>();
        Expiries.Result first = leads.expireDue(100, handed::addAll);
        assertThat(first.more()).isTrue();
        assertThat(handed).hasSize(100).startsWith("lead-0", "lead-1");
        while (leads.expireDue(100, handed::addAll).more()) {
            assertThat(handed.size()).isLessThanOrEqualTo(250);
        }
        assertThat(handed).hasSize(250).doesNotHaveDuplicates();
    }

    @Test
    void anIdAddedToASlotWhileItIsHandedOverWaitsForTheNextRun() {
        Expiries leads = wheel("leads");
        leads.expireAt("first", START);
        clock.now = START.plusSeconds(65);
        // another instance, its clock 20 s behind, adds to the slot being handed over
        MutableClock lagging = new MutableClock(START.plusSeconds(45));
        Expiries other = new Expiries(mongo, "leads", Duration.ofMinutes(1), lagging);

        List<Object> handed = new ArrayList<>();
        leads.expireDue(100, ids -> {
            handed.addAll(ids);
            other.expireAt("added meanwhile", lagging.now);
        });

        assertThat(handed).containsExactly("first");
        assertThat(expire(leads)).containsExactly("added meanwhile");
    }

    @Test
    void anInstanceWhoseClockLagsStillHasItsIdsExpire() {
        Expiries leads = wheel("leads");
        leads.expireAt("first", START);
        clock.now = START.plus(Duration.ofMinutes(10));
        assertThat(expire(leads)).containsExactly("first");

        // another instance, 20 seconds behind, schedules into a slot the sweep has just passed
        MutableClock lagging = new MutableClock(clock.now.minusSeconds(20));
        new Expiries(mongo, "leads", Duration.ofMinutes(1), lagging).expireAt("lagged", lagging.now);
        clock.now = clock.now.plusSeconds(61);

        assertThat(expire(leads)).containsExactly("lagged");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

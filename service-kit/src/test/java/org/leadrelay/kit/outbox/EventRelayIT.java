package org.leadrelay.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.kit.KitTestApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

@WithInfrastructure
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.mongodb.database=service-kit-relay-it",
        "leadrelay.events.source=/leadrelay/kit-tests",
        "leadrelay.events.send-timeout=2s",
        "leadrelay.events.sweep-grace=2500ms",
        "leadrelay.events.sweep-interval=200ms"})
class EventRelayIT {

    @Autowired
    EventRelays relays;

    @Autowired
    MongoTemplate mongo;

    /** The owner's aggregates: key -> whether it still has events to publish. */
    private final Map<String, Boolean> pendingEvents = new ConcurrentHashMap<>();
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private volatile boolean brokerUp = true;
    private EventRelay relay;

    @BeforeEach
    void startRelay() {
        mongo.dropCollection(EventRelay.COLLECTION);
        relay = relays.relay("test-relay", key -> {
            if (!brokerUp) {
                return false;
            }
            if (Boolean.TRUE.equals(pendingEvents.put(key, false))) {
                published.add(key);
            }
            return true;
        });
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    private String changed(String token) {
        String key = UUID.randomUUID().toString();
        relay.mark(key, token);
        pendingEvents.put(key, true);
        return key;
    }

    @Test
    void publishesRightAfterTheWriteAndForgetsTheMark() {
        String key = changed("1");

        assertThat(relay.relay(key, "1")).isTrue();

        assertThat(published).containsExactly(key);
        assertThat(relay.pending()).isZero();
    }

    @Test
    void aNewerChangeKeepsItsMarkWhenAnOlderOneIsUnmarked() {
        String key = changed("1");
        relay.mark(key, "2"); // a second change of the same aggregate, marked before the first was relayed

        relay.unmark(key, "1");

        assertThat(relay.pending()).isEqualTo(1);
        relay.unmark(key, "2");
        assertThat(relay.pending()).isZero();
    }

    @Test
    void theSweeperPublishesWhatACrashLeftMarked() {
        String stranded = changed("1"); // written, then the process died before relaying

        await().atMost(Duration.ofSeconds(10)).until(() -> published.contains(stranded));
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.pending() == 0);
    }

    @Test
    void aMarkStaysWhileTheBrokerIsDownAndGoesOnceItIsBack() {
        brokerUp = false;
        String key = changed("1");

        assertThat(relay.relay(key, "1")).isFalse();
        assertThat(relay.pending()).isEqualTo(1);
        assertThat(relay.oldestPending()).isPresent();

        brokerUp = true;
        relay.sweepSoon();
        await().atMost(Duration.ofSeconds(10)).until(() -> published.contains(key));
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.pending() == 0);
    }

    @Test
    void theMarksHoldOnlyWhatIsInFlightHoweverManyAggregatesWentThrough() {
        for (int i = 0; i < 2_000; i++) {
            String key = changed("1");
            relay.relay(key, "1");
        }

        assertThat(published).hasSize(2_000);
        assertThat(mongo.getCollection(EventRelay.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void aBatchSweepDropsOnlyTheMarksItsOwnerReportsDone() {
        EventRelay batch = relays.batchRelay("test-batch-relay", keys -> keys.contains("first") ? java.util.Set.of("first") : java.util.Set.of());
        batch.mark("first", "1");
        batch.mark("second", "1"); // being sent elsewhere right now, say: the owner leaves it out

        batch.sweep();

        assertThat(mongo.getCollection(EventRelay.COLLECTION).countDocuments(new org.bson.Document("_id", "second"))).isEqualTo(1);
        assertThat(mongo.getCollection(EventRelay.COLLECTION).countDocuments(new org.bson.Document("_id", "first"))).isZero();
    }
}

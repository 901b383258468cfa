package org.leadrelay.intake.leads.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Two instances of intake, each with its own proxy manager, drawing on the same buckets in the real (embedded) database. */
@WithInfrastructure
class MongoClientBucketsIT {

    private static final BucketConfiguration FIVE_A_MINUTE = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(5).refillGreedy(5, Duration.ofMinutes(1)).build()).build();

    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(System.getProperty("spring.mongodb.uri"));
        mongo = new MongoTemplate(client, "lead-intake-client-buckets");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void everyInstanceDrawsOnTheSameBucket() {
        BucketProxy first = new MongoClientBuckets(mongo, Clock.systemUTC()).builder().build("shared|198.51.100.7", () -> FIVE_A_MINUTE);
        BucketProxy second = new MongoClientBuckets(mongo, Clock.systemUTC()).builder().build("shared|198.51.100.7", () -> FIVE_A_MINUTE);

        assertThat(first.tryConsume(1)).isTrue();
        assertThat(second.tryConsume(1)).isTrue();
        assertThat(first.tryConsume(1)).isTrue();
        assertThat(second.tryConsume(2)).isTrue();
        assertThat(first.tryConsume(1)).isFalse();
        assertThat(second.tryConsume(1)).isFalse();
        assertThat(first.getAvailableTokens()).isZero();
        // one document for the client, whatever the writes: four grants, four versions
        org.bson.Document bucket = mongo.getCollection(MongoClientBuckets.COLLECTION).find(new org.bson.Document("_id", "shared|198.51.100.7")).first();
        assertThat(bucket).isNotNull();
        assertThat(bucket.get("version", Number.class).longValue()).isEqualTo(4);
        assertThat(mongo.getCollection(MongoClientBuckets.COLLECTION).countDocuments(new org.bson.Document("_id", "shared|198.51.100.7")))
                .isEqualTo(1);
    }

    @Test
    void instancesRacingOnTheSameClientNeverGrantMoreThanTheLimit() throws Exception {
        List<BucketProxy> instances = List.of(
                new MongoClientBuckets(mongo, Clock.systemUTC()).builder().build("race|203.0.113.9", () -> FIVE_A_MINUTE),
                new MongoClientBuckets(mongo, Clock.systemUTC()).builder().build("race|203.0.113.9", () -> FIVE_A_MINUTE));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                BucketProxy instance = instances.get(i % 2);
                attempts.add(() -> instance.tryConsume(1));
            }
            long granted = 0;
            for (Future<Boolean> attempt : threads.invokeAll(attempts)) {
                granted += attempt.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(5);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void idleBucketsAreSweptAway() {
        Instant later = Instant.now().plus(MongoClientBuckets.IDLE).plusSeconds(60);
        MongoClientBuckets buckets = new MongoClientBuckets(mongo, Clock.systemUTC());
        buckets.builder().build("idle|192.0.2.1", () -> FIVE_A_MINUTE).tryConsume(1);

        assertThat(new MongoClientBuckets(mongo, Clock.fixed(later, ZoneOffset.UTC)).sweepIdle()).isPositive();
        assertThat(mongo.getCollection(MongoClientBuckets.COLLECTION).countDocuments(new org.bson.Document("_id", "idle|192.0.2.1")))
                .isZero();
    }
}

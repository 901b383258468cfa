package org.leadrelay.directory.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;
import org.leadrelay.directory.PartnerDirectoryApplication;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.InfrastructureExtension;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two partner-directory instances on one database change the same partners at once, through both
 * their request paths and their sweepers. Publication order is kept by the database (each
 * partner's publication lease), not by locks in memory: in the end every partner's stored
 * revision is recorded published, and the last record of each partner on the compacted topic is
 * that revision.
 */
@WithInfrastructure
class DirectoryInstancesIT {

    private static final String DATABASE = "partner-directory-instances";
    private static final int PARTNERS = 4;
    private static final int CHANGES_PER_WORKER = 12;
    private static final int WORKERS = 6;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @Test
    void twoInstancesChangingTheSamePartnersLeaveEachOnesLatestRevisionLastOnTheTopic() throws Exception {
        List<ConfigurableApplicationContext> instances = List.of(instance(), instance());
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try (TopicProbe topic = TopicProbe.on(Topics.PARTNERS); MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(System.getProperty(InfrastructureExtension.MONGO_PROPERTY)))
                .uuidRepresentation(UuidRepresentation.STANDARD).build())) {
            List<Integer> ports = instances.stream().map(instance -> Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")))
                    .toList();
            Map<UUID, String> keys = new HashMap<>();
            for (int i = 0; i < PARTNERS; i++) {
                HttpResponse<String> answer = send(ports.get(i % 2), "POST", "/api/partners", PartnerDirectoryIT.OPERATOR,
                        PartnerLifecycleIT.FULL_PROFILE.replace("Lyon Open Source\",", "Instances " + i + "\","));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                JsonNode registered = json.readTree(answer.body());
                keys.put(UUID.fromString(registered.get("partner").get("id").asString()), registered.get("apiKey").asString());
            }
            List<UUID> partners = new ArrayList<>(keys.keySet());

            // each worker pauses and resumes every partner in turn, through one instance or the other
            AtomicInteger changed = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                running.add(workers.submit(() -> {
                    for (int i = 0; i < CHANGES_PER_WORKER; i++) {
                        UUID partner = partners.get((worker + i) % PARTNERS);
                        String action = i % 2 == 0 ? "/pause" : "/resume";
                        HttpResponse<String> answer = send(ports.get((worker + i) % 2), "POST", "/api/partners/" + partner + action,
                                basic(partner, keys.get(partner)), action.equals("/pause") ? "{\"reason\": \"instances test\"}" : null);
                        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
                        if (answer.statusCode() == 200) {
                            changed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> work : running) {
                work.get();
            }
            assertThat(changed.get()).as("changes that went through").isGreaterThan(PARTNERS);

            MongoCollection<Document> stored = mongo.getDatabase(DATABASE).getCollection("partners");
            await().atMost(Duration.ofSeconds(60)).until(() -> partners.stream().allMatch(id -> {
                Document partner = stored.find(new Document("_id", id)).first();
                return partner != null && partner.getBoolean("published", false);
            }));
            Map<UUID, Long> storedRevisions = new HashMap<>();
            partners.forEach(id -> storedRevisions.put(id, ((Number) stored.find(new Document("_id", id)).first().get("revision")).longValue()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<UUID, Long> lastOnTopic = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : topic.recordsAfter(Duration.ofMillis(200),
                        record -> record.value() != null && keys.containsKey(UUID.fromString(record.key())))) {
                    lastOnTopic.put(UUID.fromString(record.key()), TopicProbe.event(record, PartnerUpserted.class).revision());
                }
                assertThat(lastOnTopic).as("each partner's last record on partners.v1").isEqualTo(storedRevisions);
            });
            assertThat(mongo.getDatabase(DATABASE).getCollection("publication_leases").countDocuments(new Document("_id",
                    new Document("$in", partners)))).as("leases given back").isZero();
        } finally {
            workers.shutdownNow();
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext instance() {
        return PartnerDirectoryApplication.application().run("--server.port=0", "--spring.mongodb.database=" + DATABASE,
                "--leadrelay.webhooks.allowed-hosts=127.0.0.1", "--leadrelay.events.sweep-interval=1s", "--leadrelay.events.sweep-grace=3s", "--leadrelay.events.send-timeout=2s");
    }

    private HttpResponse<String> send(int port, String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    private static String basic(UUID partner, String apiKey) {
        return "Basic " + Base64.getEncoder().encodeToString((partner + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
    }
}

package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.keyed;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.Topics;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retention through the real path, with retentions of seconds: a lead past its retention is erased
 * as an operator's erasure would be (LeadErased on the topic, nothing of the person left in
 * intake's database), and its Idempotency-Key and duplicate fingerprint go after theirs.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "spring.mongodb.database=lead-intake-retention",
        "leadrelay.intake.leads-per-minute-per-client=100000",
        "leadrelay.intake.security.operators.operator={noop}retention-test-operator-password",
        "leadrelay.intake.retention.leads=8s", "leadrelay.intake.retention.idempotency-keys=2s",
        "leadrelay.intake.duplicate-window=2s", "leadrelay.intake.retention.slot=1s",
        "leadrelay.intake.retention.sweep-interval=250ms",
        "leadrelay.events.send-timeout=3s", "leadrelay.events.sweep-grace=6s", "leadrelay.events.sweep-interval=250ms"})
class RetentionIT {

    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:retention-test-operator-password".getBytes(StandardCharsets.UTF_8));

    private static TopicProbe received;
    private static TopicProbe erased;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongoClient;

    @BeforeAll
    static void watchTopics() {
        received = TopicProbe.on(Topics.LEADS_RECEIVED);
        erased = TopicProbe.on(Topics.ERASURES);
    }

    @AfterAll
    static void stopWatching() {
        received.close();
        erased.close();
    }

    @Test
    void aLeadPastItsRetentionIsErasedEverywhereAndItsKeysGoAfterTheirs() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "retained." + run + "@example.org";
        String key = UUID.randomUUID().toString();
        String leadId = submit(email, key);
        received.awaitRecord(keyed(leadId));
        assertThat(submit(email, key)).as("the same key within its lifetime: the first answer").isEqualTo(leadId);
        assertThat(database().getCollection("recent_requests").countDocuments(Filters.eq("leadId", UUID.fromString(leadId)))).isOne();

        // the key and the fingerprint go after 2 s, the lead stays until its 8 s are over
        await().atMost(Duration.ofSeconds(15)).until(() -> database().getCollection("idempotency_keys").countDocuments() == 0
                && database().getCollection("recent_requests").countDocuments() == 0);
        assertThat(database().getCollection("leads").find(Filters.eq("_id", UUID.fromString(leadId))).first()).isNotNull();

        LeadErased event = TopicProbe.event(erased.awaitRecord(keyed(leadId)), LeadErased.class);

        assertThat(event.leadId()).hasToString(leadId);
        JsonNode erasure = json.readTree(get("/api/erasures/" + LeadErasure.idOf(UUID.fromString(leadId))).body());
        assertThat(erasure.get("reason").asString()).isEqualTo("retention");
        assertThat(erasure.get("requestedBy").asString()).isEqualTo(ErasingLeads.RETENTION_ACCOUNT);
        MongoDatabase database = database();
        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                assertThat(document.toJson()).as(collection).doesNotContain(run);
            }
        }
        assertThat(database.getCollection("leads").countDocuments()).isZero();
        assertThat(erased.recordsAfter(Duration.ofSeconds(2), keyed(leadId))).hasSize(1);

        // the same request after the key's lifetime is a new lead
        String again = submit(email, key);
        assertThat(again).isNotEqualTo(leadId);
        received.awaitRecord(keyed(again));
    }

    private String submit(String email, String idempotencyKey) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/leads"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"contact": {"name": "Rita Retained", "email": "%s"}, "need": {"products": ["postgresql"]},
                         "location": {"country": "FR", "city": "Lyon"}, "consent": true}
                        """.formatted(email))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("leadId").asString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", OPERATOR).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private MongoDatabase database() {
        return mongoClient.getDatabase("lead-intake-retention");
    }
}

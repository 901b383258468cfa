package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.header;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.CoordinatesSource;
import org.leadrelay.events.Environment;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadErased;
import org.leadrelay.events.LeadKey;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.PersonalData;
import org.leadrelay.events.Topics;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasure through the real path: the operator API in, intake's own database and leads.erasures.v1
 * out. Each test's person carries marker data (name, email, phone, company, free text) that no
 * document of intake's database may hold once the person is erased.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "spring.mongodb.database=" + ErasureIT.DATABASE,
        "leadrelay.intake.leads-per-minute-per-client=100000",
        "leadrelay.intake.security.operators.operator={noop}erasure-test-operator-password",
        "leadrelay.events.send-timeout=3s", "leadrelay.events.sweep-grace=6s", "leadrelay.events.sweep-interval=250ms"})
class ErasureIT {

    static final String DATABASE = "lead-intake-erasures";
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:erasure-test-operator-password".getBytes(StandardCharsets.UTF_8));
    /** Longer than the sweep grace and interval: what the relay would have sent by then, it would have sent. */
    private static final Duration QUIET = Duration.ofSeconds(8);

    private static TopicProbe received;
    private static TopicProbe erased;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongoClient;

    @Autowired
    PublishingLeads publishing;

    @Autowired
    Leads leads;

    @Autowired
    LeadsByEmail byEmail;

    @Autowired
    LeadErasures erasures;

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
    void erasingByEmailErasesEveryLeadOfThePersonAndNoOneElses() throws Exception {
        Person ada = new Person("ada");
        Person bob = new Person("bob");
        String first = ada.submits("postgresql", ada.email, null);
        String second = ada.submits("kubernetes", ada.email.toUpperCase(java.util.Locale.ROOT), null);
        String repeat = ada.submits("postgresql", ada.email, null); // a duplicate of the first: stored, not published
        String others = bob.submits("postgresql", bob.email, null);
        LeadReceived sealed = TopicProbe.event(received.awaitRecord(keyed(first)), LeadReceived.class);
        HttpResponse<String> key = get("/api/keys/" + first, OPERATOR);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        assertThat(LeadKey.ofBase64(json.readTree(key.body()).get("key").asString()).open(sealed.leadId(), sealed.personal()).contact()
                .email()).isEqualTo(ada.email);
        received.awaitRecord(keyed(second));
        received.awaitRecord(keyed(others));

        // a person's access request, before: every lead of the email with everything stored of it, and no one else's
        HttpResponse<String> before = access(ada.email.toUpperCase(java.util.Locale.ROOT));
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        JsonNode held = json.readTree(before.body());
        assertThat(java.util.stream.StreamSupport.stream(held.get("leadIds").spliterator(), false).map(JsonNode::asString)).containsExactlyInAnyOrder(first, second, repeat);
        assertThat(held.get("leads").get(0).get("collections").get("leads").get(0).toString()).contains(ada.email, ada.name,
                ada.description, ada.company, "\"consent\"", "withheld: the key");
        assertThat(before.body()).doesNotContain(bob.email);
        assertThat(access("not an email").statusCode()).isEqualTo(400);

        HttpResponse<String> answer = erase("{\"email\": \"  " + ada.email.replace("example.org", "EXAMPLE.org") + " \"}", OPERATOR);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode covered = json.readTree(answer.body()).get("erasures");
        assertThat(covered.findValuesAsString("leadId")).containsExactlyInAnyOrder(first, second, repeat);
        for (JsonNode erasure : covered) {
            assertThat(erasure.get("requestedAs").asString()).isEqualTo("email");
            assertThat(erasure.get("reason").asString()).isEqualTo("request");
            assertThat(erasure.get("requestedBy").asString()).isEqualTo("operator");
            assertThat(erasure.get("status").asString()).isIn("erased", "published");
            assertThat(erasure.get("erasedAt").isNull()).isFalse();
        }
        for (String leadId : List.of(first, second, repeat)) {
            LeadErased event = TopicProbe.event(erased.awaitRecord(keyed(leadId)), LeadErased.class);
            assertThat(event.leadId()).hasToString(leadId);
            assertThat(get("/api/leads/" + leadId, null).statusCode()).isEqualTo(404);
            // the key is gone with the lead: every sealed copy of the person, on every topic, reads as nothing for good
            assertThat(get("/api/keys/" + leadId, OPERATOR).statusCode()).isEqualTo(410);
        }
        assertThat(erased.recordsAfter(Duration.ofSeconds(1), keyed(first).or(keyed(second)).or(keyed(repeat)))).hasSize(3);
        assertThat(erased.recordsAfter(Duration.ZERO, keyed(others))).isEmpty();
        ada.isNowhereInTheDatabase();
        assertThat(json.readTree(access(ada.email).body()).get("leadIds").isEmpty()).as("erased: nothing left to find").isTrue();
        assertThat(leadDocument(others)).isNotNull();
        assertThat(byEmail.find(EmailKey.of(bob.email))).containsExactly(UUID.fromString(others));
        assertThat(get("/api/leads/" + others, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json.readTree(get("/api/erasures/"
                + covered.get(0).get("erasureId").asString(), OPERATOR).body()).get("status").asString()).isEqualTo("published"));
    }

    @Test
    void erasingByLeadIdRemovesItsDataAndItsIdempotencyKeyAndAskingAgainChangesNothing() throws Exception {
        Person cleo = new Person("cleo");
        String leadId = cleo.submits("java", cleo.email, UUID.randomUUID().toString());
        received.awaitRecord(keyed(leadId));
        assertThat(database().getCollection("idempotency_keys").countDocuments(Filters.eq("leadId", UUID.fromString(leadId)))).isOne();

        // withdrawing consent is an erasure
        HttpResponse<String> answer = erase("{\"leadId\": \"" + leadId + "\", \"reason\": \"consent-withdrawn\"}", OPERATOR);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode erasure = json.readTree(answer.body()).get("erasures").get(0);
        assertThat(erasure.get("reason").asString()).isEqualTo("consent-withdrawn");
        String erasureId = erasure.get("erasureId").asString();
        assertThat(answer.headers().firstValue("Location")).hasValue("/api/erasures/" + erasureId);
        assertThat(erasure.get("leadId").asString()).isEqualTo(leadId);
        assertThat(erasure.get("requestedAs").asString()).isEqualTo("lead-id");
        ConsumerRecord<String, byte[]> record = erased.awaitRecord(keyed(leadId));
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.LEAD_ERASED);
        assertThat(header(record, "ce_id")).isEqualTo(EventIds.derived(PublishingLeads.ERASED_EVENT, leadId).toString());
        assertThat(header(record, "ce_source")).isEqualTo("/leadrelay/lead-intake");
        assertThat(TopicProbe.event(record, LeadErased.class).erasedAt()).isEqualTo(Instant.parse(erasure.get("erasedAt").asString()));
        cleo.isNowhereInTheDatabase();
        assertThat(database().getCollection("idempotency_keys").countDocuments(Filters.eq("leadId", UUID.fromString(leadId)))).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> mark(leadId) == null);

        HttpResponse<String> again = erase("{\"leadId\": \"" + leadId + "\"}", OPERATOR);
        HttpResponse<String> byEmailAgain = erase("{\"email\": \"" + cleo.email + "\"}", OPERATOR);

        assertThat(again.statusCode()).isEqualTo(202);
        JsonNode first = json.readTree(again.body()).get("erasures").get(0);
        assertThat(first.get("erasureId").asString()).isEqualTo(erasureId);
        assertThat(first.get("requestedAt").asString()).isEqualTo(erasure.get("requestedAt").asString());
        assertThat(first.get("erasedAt").asString()).isEqualTo(erasure.get("erasedAt").asString());
        assertThat(first.get("status").asString()).isEqualTo("published");
        assertThat(byEmailAgain.statusCode()).isEqualTo(202);
        assertThat(json.readTree(byEmailAgain.body()).get("erasures").isEmpty()).isTrue();
        assertThat(mark(leadId)).isNull(); // so the relay has nothing of it to send
        assertThat(erased.recordsAfter(Duration.ofSeconds(2), keyed(leadId))).hasSize(1);
        assertThat(database().getCollection("lead_erasures").countDocuments(Filters.eq("leadId", UUID.fromString(leadId)))).isOne();
    }

    @Test
    void aLeadErasedBeforeItsLeadReceivedWasPublishedIsNeverPublished() throws Exception {
        Person dora = new Person("dora");
        // as a crash right after the 202 leaves it: stored and marked, no LeadReceived sent yet
        UUID leadId = dora.storedButNotPublished();
        assertThat(mark(leadId.toString())).isNotNull();

        HttpResponse<String> answer = erase("{\"leadId\": \"" + leadId + "\"}", OPERATOR);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        erased.awaitRecord(keyed(leadId));
        await().atMost(Duration.ofSeconds(10)).until(() -> mark(leadId.toString()) == null);
        assertThat(received.recordsAfter(QUIET, keyed(leadId))).isEmpty();
        assertThat(erased.recordsAfter(Duration.ZERO, keyed(leadId))).hasSize(1);
        dora.isNowhereInTheDatabase();
    }

    @Test
    void theRelaySweeperFinishesAnErasureACrashInterrupted() throws Exception {
        Person emil = new Person("emil");
        String leadId = emil.submits("docker", emil.email, null);
        received.awaitRecord(keyed(leadId));
        // as a crash right after the erasure was recorded leaves it: marked, recorded, the data still there
        publishing.willPublishErasure(UUID.fromString(leadId));
        erasures.add(LeadErasure.requested(UUID.fromString(leadId), LeadErasure.RequestedAs.LEAD_ID, LeadErasure.Reason.REQUEST, "operator", Instant.now()));
        assertThat(leadDocument(leadId)).isNotNull();

        ConsumerRecord<String, byte[]> record = erased.awaitRecord(keyed(leadId));

        assertThat(TopicProbe.event(record, LeadErased.class).leadId()).hasToString(leadId);
        await().atMost(Duration.ofSeconds(10)).until(() -> mark(leadId) == null);
        emil.isNowhereInTheDatabase();
        JsonNode erasure = json.readTree(get("/api/erasures/" + LeadErasure.idOf(UUID.fromString(leadId)), OPERATOR).body());
        assertThat(erasure.get("status").asString()).isEqualTo("published");
        assertThat(erased.recordsAfter(Duration.ofSeconds(1), keyed(leadId))).hasSize(1);
    }

    @Test
    void refusesABadRequestWithProblemDetailsAndErasesNothing() throws Exception {
        Person finn = new Person("finn");
        String leadId = finn.submits("java", finn.email, null);
        long erasuresBefore = database().getCollection("lead_erasures").countDocuments();

        assertThat(problemPointers(erase("{\"leadId\": \"" + leadId + "\", \"email\": \"" + finn.email + "\"}", OPERATOR)))
                .containsExactly("/email");
        assertThat(problemPointers(erase("{}", OPERATOR))).containsExactly("/leadId");
        assertThat(problemPointers(erase("{\"email\": \"not an email\"}", OPERATOR))).containsExactly("/email");
        assertThat(problemPointers(erase("{\"email\": \" \"}", OPERATOR))).containsExactly("/email");
        assertThat(problemPointers(erase("{\"leadId\": \"lead-42\"}", OPERATOR))).containsExactly("/leadId");
        assertThat(problemPointers(erase("{\"leadId\": \"" + leadId + "\", \"reason\": \"asked\"}", OPERATOR))).containsExactly("/reason");
        assertThat(problemPointers(erase("{\"leadId\": \"" + leadId + "\", \"reason\": \"retention\"}", OPERATOR)))
                .as("only intake's retention erases for that reason").containsExactly("/reason");
        HttpResponse<String> broken = erase("{\"leadId\": ", OPERATOR);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));

        HttpResponse<String> unknown = erase("{\"leadId\": \"" + UUID.randomUUID() + "\"}", OPERATOR);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("status").asInt()).isEqualTo(404);
        assertThat(get("/api/erasures/" + UUID.randomUUID(), OPERATOR).statusCode()).isEqualTo(404);

        assertThat(database().getCollection("lead_erasures").countDocuments()).isEqualTo(erasuresBefore);
        assertThat(leadDocument(leadId)).isNotNull();
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    private List<String> problemPointers(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        return json.readTree(response.body()).get("errors").findValuesAsString("pointer");
    }

    /** A person with marker data in every field intake keeps of a contact. */
    private final class Person {

        final String run = UUID.randomUUID().toString().substring(0, 8);
        final String name;
        final String email;
        final String localPhone = "04 72 " + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)).replaceAll("(..)(..)(..)", "$1 $2 $3");
        final String phone = "+33" + localPhone.substring(1).replace(" ", "");
        final String company;
        final String description;
        final List<String> leadIds = new ArrayList<>();

        Person(String firstName) {
            name = firstName + " Marker-" + run;
            email = firstName + "." + run + "@example.org";
            company = "Company-" + run;
            description = "Migrate the " + run + " schemas";
        }

        String submits(String product, String asEmail, String idempotencyKey) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/leads")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"contact": {"name": "%s", "email": "%s", "phone": "%s", "company": "%s"},
                             "need": {"products": ["%s"], "description": "%s"},
                             "location": {"country": "FR", "city": "Lyon"}, "consent": true}
                            """.formatted(name, asEmail, localPhone, company, product, description)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String leadId = json.readTree(response.body()).get("leadId").asString();
            leadIds.add(leadId);
            return leadId;
        }

        /** Stored as ReceivingLead stores it, without the send that follows the 202. */
        UUID storedButNotPublished() {
            UUID leadId = UUID.randomUUID();
            Instant now = Instant.now();
            PersonalData personal = new PersonalData(new Contact(name, email, phone, company), description);
            LeadKey key = LeadKey.generate();
            LeadReceived lead = new LeadReceived(leadId, key.seal(leadId, personal),
                    new Need(List.of("postgresql"), List.of(), new Environment(List.of(), List.of(), List.of())),
                    new Location("FR", null, null, null, null, CoordinatesSource.NO_PLACE), "fr", null,
                    new Consent("partner-contact-v1", now), "api", null, now);
            publishing.willPublish(leadId);
            byEmail.add(EmailKey.of(email), leadId);
            leads.add(StoredLead.received(lead, personal, key));
            leadIds.add(leadId.toString());
            return leadId;
        }

        /** No document of intake's database holds anything of this person, nor the key their leads were found by. */
        void isNowhereInTheDatabase() {
            List<String> markers = List.of(run, run.toUpperCase(java.util.Locale.ROOT), phone, EmailKey.of(email));
            MongoDatabase database = database();
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    String text = document.toJson();
                    assertThat(markers).as("%s in %s", text, collection).noneMatch(text::contains);
                }
            }
            for (String leadId : leadIds) {
                assertThat(leadDocument(leadId)).isNull();
                assertThat(database.getCollection("recent_requests").countDocuments(Filters.eq("leadId", UUID.fromString(leadId)))).isZero();
                Document erasure = database.getCollection("lead_erasures").find(Filters.eq("leadId", UUID.fromString(leadId))).first();
                assertThat(erasure).isNotNull();
                assertThat(erasure.keySet()).isSubsetOf("_id", "leadId", "requestedAs", "reason", "requestedBy", "requestedAt", "erasedAt",
                        "publishedAt", "_class");
            }
        }
    }

    private Document leadDocument(String leadId) {
        return database().getCollection("leads").find(Filters.eq("_id", UUID.fromString(leadId))).first();
    }

    private Document mark(String leadId) {
        return database().getCollection("relay_marks").find(Filters.eq("_id", leadId)).first();
    }

    private MongoDatabase database() {
        return mongoClient.getDatabase(DATABASE);
    }

    private HttpResponse<String> access(String email) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/access")).header("Content-Type", "application/json").header("Authorization", OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + email + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> erase(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/erasures")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.header;
import static org.leadrelay.testing.TopicProbe.keyed;

import com.mongodb.client.MongoClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Coordinates;
import org.leadrelay.events.CoordinatesSource;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadKey;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Location;
import org.leadrelay.events.PersonalData;
import org.leadrelay.events.Topics;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.testing.OpenApiDocs;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "leadrelay.intake.leads-per-minute-per-client=100000",
        "leadrelay.intake.security.services.notification={noop}intake-test-key-reader-password",
        "leadrelay.intake.security.operators.operator={noop}intake-test-operator-password"})
class LeadIntakeIT {

    private static TopicProbe leadsReceived;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();
    private final EventCodec codec = new EventCodec();

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongoClient;

    @BeforeAll
    static void watchTopic() {
        leadsReceived = TopicProbe.on(Topics.LEADS_RECEIVED);
    }

    @AfterAll
    static void stopWatching() {
        leadsReceived.close();
    }

    @Test
    void acceptsALeadStoresItAndPublishesLeadReceived() throws Exception {
        HttpResponse<String> response = post("""
                {"contact": {"name": "Camille Martin", "email": "camille@example.fr"},
                 "need": {"products": ["PostgreSQL"], "services": ["Migration"], "databases": ["oracle"]},
                 "location": {"country": "fr", "city": "Lyon"},
                 "language": "FR", "employees": 120, "consent": true, "source": "website-form"}
                """);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        UUID leadId = UUID.fromString(body.get("leadId").asString());
        assertThat(response.headers().firstValue("Location")).hasValue("/api/leads/" + leadId);
        assertThat(leads().find(new Document("_id", leadId)).first()).isNotNull();

        var record = leadsReceived.awaitRecord(keyed(leadId));
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.LEAD_RECEIVED);
        assertThat(header(record, "ce_source")).isEqualTo("/leadrelay/lead-intake");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        LeadReceived event = codec.read(EventTypes.LEAD_RECEIVED, record.value(), LeadReceived.class);
        assertThat(event.need().products()).containsExactly("postgresql");
        assertThat(event.need().services()).containsExactly("migration");
        assertThat(event.need().environment().databases()).containsExactly("oracle");
        assertThat(event.location().country()).isEqualTo("FR");
        assertThat(event.language()).isEqualTo("fr");
        // the person travels sealed: nothing of them in the record, and the lead's key opens it
        assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("camille", "Camille", "Martin");
        PersonalData personal = opened(event);
        assertThat(personal.contact().email()).isEqualTo("camille@example.fr");
        assertThat(personal.contact().name()).isEqualTo("Camille Martin");
        // the proof of consent: which notice, in which language and wording, when, and through which door
        assertThat(event.consent().statement()).isEqualTo("partner-contact-v1");
        assertThat(event.consent().language()).isEqualTo("fr");
        assertThat(event.consent().textSha256()).isEqualTo(ConsentNotices.sha256(ConsentNotices.DEFAULT_TEXTS.get("fr")));
        assertThat(event.consent().channel()).as("an API client saying website-form is still the API").isEqualTo("api");
        assertThat(event.consent().givenAt()).isEqualTo(event.receivedAt());

        HttpResponse<String> status = http.send(HttpRequest.newBuilder(uri("/api/leads/" + leadId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).doesNotContain("camille");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json.readTree(http.send(
                HttpRequest.newBuilder(uri("/api/leads/" + leadId)).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("status").asString()).isEqualTo("published"));
    }

    @Test
    void rejectsALeadWithoutConsentNamingTheFieldAndStoresNothing() throws Exception {
        long before = leads().countDocuments();

        HttpResponse<String> response = post("""
                {"contact": {"email": "no-consent@example.fr"}, "need": {"products": ["java"]},
                 "location": {"country": "BE"}, "consent": false}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsString("pointer")).containsExactly("/consent");
        // nothing stored, so nothing to publish: intake publishes only what it stored first
        assertThat(leads().countDocuments()).isEqualTo(before);
    }

    @Test
    void listsEveryInvalidFieldWithAJsonPointer() throws Exception {
        HttpResponse<String> response = post("""
                {"contact": {"email": "not-an-email"}, "need": {"products": [], "services": []},
                 "location": {"country": "Fr4nce"}, "consent": true}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("pointer"))
                .containsExactly("/contact/email", "/need/products");
    }

    @Test
    void rejectsMissingSectionsAndBrokenJson() throws Exception {
        HttpResponse<String> missing = post("{\"consent\": true}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json.readTree(missing.body()).get("errors").findValuesAsString("pointer"))
                .containsExactly("/contact", "/location", "/need");

        HttpResponse<String> broken = post("{\"contact\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json.readTree(broken.body()).get("title").asString()).isEqualTo("Malformed request");

        HttpResponse<String> wrongType = post("{\"employees\": \"many\", \"consent\": true}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongType.body()).get("errors").findValuesAsString("pointer")).containsExactly("/employees");
    }

    @Test
    void normalisesWhatPeopleType() throws Exception {
        HttpResponse<String> response = post("""
                {"contact": {"email": "Jean.Dupont@Exemple.FR", "phone": "04 72 00 00 00"},
                 "need": {"products": ["Postgres", "PostgreSQL 16", "k8s", "COBOL"], "services": ["Formation"]},
                 "location": {"country": "Belgique"}, "language": "fr-BE", "consent": true}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String leadId = json.readTree(response.body()).get("leadId").asString();
        LeadReceived event = codec.read(EventTypes.LEAD_RECEIVED, leadsReceived.awaitRecord(keyed(leadId)).value(), LeadReceived.class);
        assertThat(opened(event).contact().email()).isEqualTo("Jean.Dupont@exemple.fr");
        assertThat(opened(event).contact().phone()).isEqualTo("+32472000000");
        assertThat(event.location().country()).isEqualTo("BE");
        assertThat(event.language()).isEqualTo("fr");
        assertThat(event.need().products()).containsExactly("postgresql", "kubernetes", "cobol");
        assertThat(event.need().services()).containsExactly("training");
        assertThat(event.location().coordinatesSource()).isEqualTo(CoordinatesSource.NO_PLACE);
        assertThat(event.location().coordinates()).isNull();
    }

    @Test
    void locatesTheLeadFromItsCityOrSaysWhyNot() throws Exception {
        String lyon = leadIn("{\"country\": \"FR\", \"city\": \"Lyon\"}", "geo-lyon@example.fr");
        String nowhere = leadIn("{\"country\": \"FR\", \"city\": \"Nowhereville-sur-Rien\"}", "geo-nowhere@example.fr");
        String given = leadIn("{\"country\": \"CA\", \"city\": \"Montréal\", \"latitude\": 45.5, \"longitude\": -73.6}", "geo-given@example.ca");

        Location inLyon = received(lyon).location();
        assertThat(inLyon.coordinatesSource()).isEqualTo(CoordinatesSource.GAZETTEER);
        assertThat(inLyon.coordinates().latitude()).isBetween(45.7, 45.8);
        Location unknown = received(nowhere).location();
        assertThat(unknown.coordinatesSource()).isEqualTo(CoordinatesSource.UNKNOWN_PLACE);
        assertThat(unknown.coordinates()).isNull();
        assertThat(received(given).location().coordinates()).isEqualTo(new Coordinates(45.5, -73.6));
        assertThat(received(given).location().coordinatesSource()).isEqualTo(CoordinatesSource.PROVIDED);
    }

    @Test
    void locatesALeadFromItsPostalCodeAndNamesRegionsByIso31662() throws Exception {
        String postalOnly = leadIn("{\"country\": \"FR\", \"postalCode\": \"69001\"}", "geo-postal@example.fr");
        String bavaria = leadIn("{\"country\": \"DE\", \"region\": \"Bayern\", \"city\": \"München\"}", "geo-bayern@example.de");
        String vaud = leadIn("{\"country\": \"CH\", \"city\": \"Lausanne\", \"postalCode\": \"1003\"}", "geo-vaud@example.ch");
        String typed = leadIn("{\"country\": \"FR\", \"region\": \"Rhône\", \"postalCode\": \"99999\"}", "geo-typed@example.fr");

        Location lyon = received(postalOnly).location();
        assertThat(lyon.coordinatesSource()).isEqualTo(CoordinatesSource.GAZETTEER);
        assertThat(lyon.coordinates().latitude()).isBetween(45.7, 45.8);
        assertThat(lyon.region()).isEqualTo("FR-ARA");
        assertThat(lyon.postalCode()).isEqualTo("69001");
        assertThat(received(bavaria).location().region()).isEqualTo("DE-BY");
        assertThat(received(vaud).location().region()).isEqualTo("CH-VD");
        Location unknown = received(typed).location();
        assertThat(unknown.region()).isEqualTo("Rhône");
        assertThat(unknown.coordinatesSource()).isEqualTo(CoordinatesSource.UNKNOWN_PLACE);
    }

    private String leadIn(String location, String email) throws Exception {
        HttpResponse<String> response = post("""
                {"contact": {"email": "%s"}, "need": {"products": ["java"]}, "location": %s, "consent": true}
                """.formatted(email, location));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("leadId").asString();
    }

    private LeadReceived received(String leadId) {
        return codec.read(EventTypes.LEAD_RECEIVED, leadsReceived.awaitRecord(keyed(leadId)).value(), LeadReceived.class);
    }

    @Test
    void theSamePersonAskingTheSameAgainIsRecordedAsADuplicateAndNotPublished() throws Exception {
        String body = """
                {"contact": {"email": "twice@example.be"}, "need": {"products": ["java"], "services": ["training"]},
                 "location": {"country": "BE"}, "consent": true}
                """;
        JsonNode first = json.readTree(post(body).body());
        HttpResponse<String> again = post(body.replace("\"java\"", "\"Java\""));

        assertThat(again.statusCode()).isEqualTo(202);
        JsonNode second = json.readTree(again.body());
        assertThat(second.get("status").asString()).isEqualTo("duplicate");
        assertThat(second.get("duplicateOf").asString()).isEqualTo(first.get("leadId").asString());
        leadsReceived.awaitRecord(keyed(first.get("leadId").asString()));
        assertThat(leadsReceived.recordsAfter(Duration.ofSeconds(1), keyed(second.get("leadId").asString()))).isEmpty();
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = """
                {"contact": {"email": "retry@example.ch"}, "need": {"products": ["kubernetes"]},
                 "location": {"country": "CH"}, "consent": true}
                """;

        HttpResponse<String> first = post(body, key);
        HttpResponse<String> replay = post(body, key);
        HttpResponse<String> other = post(body.replace("kubernetes", "docker"), key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(json.readTree(replay.body()).get("leadId").asString()).isEqualTo(json.readTree(first.body()).get("leadId").asString());
        assertThat(replay.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json.readTree(other.body()).get("title").asString()).isEqualTo("Idempotency-Key reused");
        String leadId = json.readTree(first.body()).get("leadId").asString();
        leadsReceived.awaitRecord(keyed(leadId));
        assertThat(leadsReceived.recordsAfter(Duration.ofSeconds(1), keyed(leadId))).hasSize(1);
    }

    @Test
    void staysHealthyAfterBadInput() throws Exception {
        post("{");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(json.readTree(health.body()).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("leadrelay_relay_pending");
    }


    @Test
    void theCommittedOpenApiDescriptionIsCurrent() throws Exception {
        OpenApiDocs.assertCurrent(URI.create("http://127.0.0.1:" + port), Path.of("..", "docs", "api", "lead-intake.openapi.json"));
    }

    @Test
    void theOperationsTheDescriptionSaysNeedSignInAnswer401WithoutItAndNoOtherDoes() throws Exception {
        OpenApiDocs.assertSignInAsDocumented(URI.create("http://127.0.0.1:" + port), Path.of("..", "docs", "api", "lead-intake.openapi.json"));
    }

    private com.mongodb.client.MongoCollection<Document> leads() {
        return mongoClient.getDatabase("lead-intake").getCollection("leads");
    }

    @Test
    void aLeadsKeyIsForKeyReadersAndOperatorsOnlyAndNeverCached() throws Exception {
        HttpResponse<String> response = post("""
                {"contact": {"email": "keys@example.org"}, "need": {"products": ["postgresql"], "description": "Our words"},
                 "location": {"country": "FR"}, "consent": true}
                """);
        UUID leadId = UUID.fromString(json.readTree(response.body()).get("leadId").asString());
        LeadReceived event = codec.read(EventTypes.LEAD_RECEIVED, leadsReceived.awaitRecord(keyed(leadId)).value(), LeadReceived.class);

        HttpResponse<String> key = keyOf(leadId, "notification:intake-test-key-reader-password");
        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(LeadKey.ofBase64(json.readTree(key.body()).get("key").asString()).open(leadId, event.personal()).description())
                .isEqualTo("Our words");
        assertThat(keyOf(leadId, "operator:intake-test-operator-password").statusCode()).isEqualTo(200);
        assertThat(keyOf(leadId, null).statusCode()).isEqualTo(401);
        assertThat(keyOf(leadId, "notification:wrong-password-for-the-reader").statusCode()).isEqualTo(401);
        assertThat(keyOf(UUID.randomUUID(), "notification:intake-test-key-reader-password").statusCode()).isEqualTo(404);
        HttpResponse<String> erasure = http.send(HttpRequest.newBuilder(uri("/api/erasures")).header("Content-Type", "application/json")
                .header("Authorization", basic("notification:intake-test-key-reader-password"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"leadId\": \"" + leadId + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(erasure.statusCode()).as("a key reader may do nothing else").isEqualTo(403);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("leadrelay_intake_key_reads_total{outcome=\"served\",reader=\"notification\"");
    }

    private PersonalData opened(LeadReceived event) throws Exception {
        HttpResponse<String> key = keyOf(event.leadId(), "notification:intake-test-key-reader-password");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        return LeadKey.ofBase64(json.readTree(key.body()).get("key").asString()).open(event.leadId(), event.personal());
    }

    private HttpResponse<String> keyOf(UUID leadId, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/keys/" + leadId)).GET();
        if (credentials != null) {
            request.header("Authorization", basic(credentials));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String credentials) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, null);
    }

    private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/leads")).header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

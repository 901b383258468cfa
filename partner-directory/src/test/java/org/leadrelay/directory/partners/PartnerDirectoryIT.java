package org.leadrelay.directory.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.testing.TopicProbe.header;
import static org.leadrelay.testing.TopicProbe.keyed;

import com.mongodb.client.MongoClient;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.directory.PartnerDirectoryApplication;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.Infrastructure;
import org.leadrelay.testing.OpenApiDocs;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WithInfrastructure
@SpringBootTest(classes = PartnerDirectoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + PartnerDirectoryApplication.CONFIG_NAME,
                "leadrelay.webhooks.allowed-hosts=127.0.0.1", "leadrelay.directory.census-interval=500ms"})
class PartnerDirectoryIT {

    static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString(
            "operator:local-operator-password".getBytes(StandardCharsets.UTF_8));
    private static TopicProbe partnersTopic;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();
    private final EventCodec codec = new EventCodec();

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongoClient;

    @BeforeAll
    static void watchTopic() {
        partnersTopic = TopicProbe.on(Topics.PARTNERS);
    }

    @AfterAll
    static void stopWatching() {
        partnersTopic.close();
    }

    @Test
    void registersAPartnerAndPublishesItsFullStateWithoutTheSecret() throws Exception {
        HttpResponse<String> response = post("""
                {"name": "Lyon Open Source", "tier": "GOLD", "countries": ["fr", "CH"],
                 "specialities": ["PostgreSQL", "migration"], "languages": ["fr", "en"], "capacity": 4,
                 "notificationEmail": "leads@lyon-oss.example", "webhookUrl": "http://127.0.0.1:9999/hooks"}
                """);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(response.body());
        UUID partnerId = UUID.fromString(body.get("partner").get("id").asString());
        String secret = body.get("webhookSecret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/partners/" + partnerId);

        HttpResponse<String> found = get("/api/partners/" + partnerId);
        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode partner = json.readTree(found.body());
        assertThat(partner.get("countries").valueStream().map(JsonNode::asString)).containsExactly("FR", "CH");
        assertThat(partner.get("expertise").findValuesAsString("term")).containsExactly("postgresql", "migration");
        assertThat(partner.get("expertise").findValuesAsString("kind")).containsExactly("DATABASE", "SERVICE");
        assertThat(found.body()).doesNotContain(secret);

        var record = partnersTopic.awaitRecord(keyed(partnerId));
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.PARTNER_UPSERTED);
        PartnerUpserted event = codec.read(EventTypes.PARTNER_UPSERTED, record.value(), PartnerUpserted.class);
        assertThat(event.name()).isEqualTo("Lyon Open Source");
        assertThat(event.tier()).isEqualTo("GOLD");
        assertThat(event.capacity()).isEqualTo(4);
        assertThat(event.revision()).isEqualTo(1);
        assertThat(event.webhookUrl()).hasToString("http://127.0.0.1:9999/hooks");
        assertThat(new String(record.value())).doesNotContain(secret).doesNotContain("whsec_");
    }

    @Test
    void thePartnersTopicIsCompacted(Infrastructure infrastructure) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PARTNERS);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void refusesAWebhookUrlIntoAPrivateNetwork() throws Exception {
        long before = partners().countDocuments();

        HttpResponse<String> response = post("""
                {"name": "Sneaky", "countries": ["FR"], "specialities": ["java"],
                 "notificationEmail": "x@sneaky.example", "webhookUrl": "https://10.0.0.5/hooks"}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/webhookUrl");
        assertThat(problem.get("errors").get(0).get("detail").asString()).contains("private");
        assertThat(partners().countDocuments()).isEqualTo(before);
    }

    @Test
    void refusesAPartnerWithoutCountriesOrEmailNamingTheFields() throws Exception {
        HttpResponse<String> response = post("""
                {"name": "Nowhere", "countries": [], "specialities": ["java"], "notificationEmail": "nope"}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("pointer"))
                .containsExactly("/countries", "/notificationEmail");
    }

    @Test
    void namesEveryUnknownFieldWithEveryInvalidOneInOneAnswer() throws Exception {
        HttpResponse<String> response = post("""
                {"name": "Nowhere", "countries": [], "specialities": ["java"], "notificationEmail": "nope",
                 "id": "6a3f1c2e-8e5b-4b7e-a1f4-2c9d7e5b3a22", "published": true}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("pointer"))
                .containsExactly("/countries", "/id", "/notificationEmail", "/published");
    }

    @Test
    void listsPartnersByCountrySpecialityAndTierOnePageAtATime() throws Exception {
        for (String name : List.of("Zeta Data", "Alpha Data", "Mid Data")) {
            assertThat(post("""
                    {"name": "%s", "tier": "SILVER", "countries": ["IS"], "specialities": ["mariadb"], "notificationEmail": "x@data.example"}
                    """.formatted(name)).statusCode()).isEqualTo(201);
        }
        assertThat(post("""
                {"name": "Other Shop", "tier": "GOLD", "countries": ["IS"], "specialities": ["java"], "notificationEmail": "x@other.example"}
                """).statusCode()).isEqualTo(201);

        JsonNode first = json.readTree(get("/api/partners?country=is&speciality=MariaDB&tier=silver&size=2").body());
        JsonNode second = json.readTree(get("/api/partners?country=IS&speciality=mariadb&page=1&size=2").body());

        assertThat(first.get("total").asInt()).isEqualTo(3);
        assertThat(first.get("partners").findValuesAsString("name")).containsExactly("Alpha Data", "Mid Data");
        assertThat(second.get("partners").findValuesAsString("name")).containsExactly("Zeta Data");
        assertThat(json.readTree(get("/api/partners?country=IS&tier=GOLD").body()).get("partners").findValuesAsString("name"))
                .containsExactly("Other Shop");
    }

    @Test
    void refusesABadPageOrTierNamingTheParameter() throws Exception {
        HttpResponse<String> response = get("/api/partners?page=-1&size=1000&tier=DIAMOND");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("pointer"))
                .containsExactly("/query/page", "/query/size", "/query/tier");
    }

    @Test
    void onlyOperatorsMayManagePartners() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/partners")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongPassword = http.send(HttpRequest.newBuilder(uri("/api/partners")).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("operator:guess".getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void answersNotFoundForAnUnknownPartner() throws Exception {
        HttpResponse<String> response = get("/api/partners/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
    }


    @Test
    void theCommittedOpenApiDescriptionIsCurrent() throws Exception {
        OpenApiDocs.assertCurrent(URI.create("http://127.0.0.1:" + port), Path.of("..", "docs", "api", "partner-directory.openapi.json"));
    }

    @Test
    void theOperationsTheDescriptionSaysNeedSignInAnswer401WithoutItAndNoOtherDoes() throws Exception {
        OpenApiDocs.assertSignInAsDocumented(URI.create("http://127.0.0.1:" + port), Path.of("..", "docs", "api", "partner-directory.openapi.json"));
    }
    private com.mongodb.client.MongoCollection<org.bson.Document> partners() {
        return mongoClient.getDatabase("partner-directory").getCollection("partners");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", OPERATOR).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/partners"))
                .header("Content-Type", "application/json").header("Authorization", OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

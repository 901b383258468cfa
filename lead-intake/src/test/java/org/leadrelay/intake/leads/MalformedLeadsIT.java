package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * Malformed leads through the real HTTP path: each is answered with the right status and, for a
 * field, the JSON pointer to it; none is stored or published, and the service stays healthy.
 */
@WithInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "leadrelay.intake.leads-per-minute-per-client=100000"})
class MalformedLeadsIT {

    private static final String VALID = """
            {"contact": {"name": "Ada", "email": "malformed@example.org", "phone": "+33100000000", "company": "Ada SA"},
             "need": {"products": ["postgresql"], "services": ["migration"], "operatingSystems": ["linux"],
                      "databases": ["oracle"], "applicationServers": ["tomcat"], "description": "help"},
             "location": {"country": "FR", "region": "Bretagne", "city": "Rennes", "postalCode": "35000"},
             "language": "fr", "employees": 20, "consent": true, "source": "website-form"}""";
    private static TopicProbe leadsReceived;
    /** When this class began: the topic is the JVM's, and other classes' leads (some expired since) are on it too. */
    private static long started;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    @BeforeAll
    static void watch() {
        started = System.currentTimeMillis();
        leadsReceived = TopicProbe.on(Topics.LEADS_RECEIVED);
    }

    @AfterAll
    static void stopWatching() {
        leadsReceived.close();
    }

    static Stream<Arguments> malformed() {
        List<Arguments> cases = new ArrayList<>();
        // missing parts
        cases.add(json("empty object", "{}", 400, "/consent"));
        cases.add(json("no contact", VALID.replaceFirst("\"contact\": \\{[^}]*},", ""), 400, "/contact"));
        cases.add(json("no email", VALID.replace("\"email\": \"malformed@example.org\", ", ""), 400, "/contact/email"));
        cases.add(json("blank email", VALID.replace("malformed@example.org", " "), 400, "/contact/email"));
        cases.add(json("no need", VALID.replaceFirst("\"need\": \\{[^}]*},", ""), 400, "/need"));
        cases.add(json("need without products or services", VALID.replace("\"products\": [\"postgresql\"], \"services\": [\"migration\"], ", ""), 400, "/need/products"));
        cases.add(json("empty products and services", VALID.replace("[\"postgresql\"]", "[]").replace("[\"migration\"]", "[]"), 400, "/need/products"));
        cases.add(json("no location", VALID.replaceFirst("\"location\": \\{[^}]*},", ""), 400, "/location"));
        cases.add(json("no country", VALID.replace("\"country\": \"FR\", ", ""), 400, "/location/country"));
        cases.add(json("no consent", VALID.replace(", \"consent\": true", ""), 400, "/consent"));
        cases.add(json("consent refused", VALID.replace("\"consent\": true", "\"consent\": false"), 400, "/consent"));
        cases.add(json("consent null", VALID.replace("\"consent\": true", "\"consent\": null"), 400, "/consent"));
        // wrong values
        cases.add(json("bad email", VALID.replace("malformed@example.org", "not-an-email"), 400, "/contact/email"));
        cases.add(json("email with spaces", VALID.replace("malformed@example.org", "a b@example.org"), 400, "/contact/email"));
        cases.add(json("unknown country", VALID.replace("\"FR\"", "\"Atlantis\""), 400, "/location/country"));
        cases.add(json("country with digits", VALID.replace("\"FR\"", "\"F1\""), 400, "/location/country"));
        cases.add(json("unknown three-letter country", VALID.replace("\"FR\"", "\"QQQ\""), 400, "/location/country"));
        cases.add(json("unknown language", VALID.replace("\"language\": \"fr\"", "\"language\": \"klingonese\""), 400, "/language"));
        cases.add(json("language too long", VALID.replace("\"language\": \"fr\"", "\"language\": \"" + "l".repeat(36) + "\""), 400, "/language"));
        cases.add(json("phone too short", VALID.replace("+33100000000", "12"), 400, "/contact/phone"));
        cases.add(json("phone in words", VALID.replace("+33100000000", "call me maybe"), 400, "/contact/phone"));
        cases.add(json("phone of no country", VALID.replace("+33100000000", "+999 1234 5678"), 400, "/contact/phone"));
        cases.add(json("language with digits", VALID.replace("\"language\": \"fr\"", "\"language\": \"f1\""), 400, "/language"));
        cases.add(json("zero employees", VALID.replace("\"employees\": 20", "\"employees\": 0"), 400, "/employees"));
        cases.add(json("negative employees", VALID.replace("\"employees\": 20", "\"employees\": -5"), 400, "/employees"));
        cases.add(json("blank product", VALID.replace("[\"postgresql\"]", "[\" \"]"), 400, "/need/products/0"));
        cases.add(json("blank service", VALID.replace("[\"migration\"]", "[\"\"]"), 400, "/need/services/0"));
        // wrong types
        cases.add(json("employees as text", VALID.replace("\"employees\": 20", "\"employees\": \"many\""), 400, "/employees"));
        cases.add(json("employees as fraction", VALID.replace("\"employees\": 20", "\"employees\": 2.5"), 400, "/employees"));
        cases.add(json("consent as text", VALID.replace("\"consent\": true", "\"consent\": \"maybe\""), 400, "/consent"));
        cases.add(json("products as text", VALID.replace("[\"postgresql\"]", "\"postgresql\""), 400, "/need/products"));
        cases.add(json("products as object", VALID.replace("[\"postgresql\"]", "{\"name\": \"postgresql\"}"), 400, "/need/products"));
        cases.add(json("contact as text", VALID.replaceFirst("\\{\"name\": \"Ada\"[^}]*}", "\"Ada\""), 400, "/contact"));
        cases.add(json("location as array", VALID.replaceFirst("\\{\"country\": \"FR\"[^}]*}", "[\"FR\"]"), 400, "/location"));
        cases.add(json("body is an array", "[" + VALID + "]", 400, null));
        cases.add(json("body is a string", "\"lead\"", 400, null));
        // too long
        cases.add(json("name too long", VALID.replace("\"Ada\"", "\"" + "a".repeat(201) + "\""), 400, "/contact/name"));
        cases.add(json("email too long", VALID.replace("malformed@example.org", "a".repeat(250) + "@example.org"), 400, "/contact/email"));
        cases.add(json("phone too long", VALID.replace("+33100000000", "1".repeat(41)), 400, "/contact/phone"));
        cases.add(json("company too long", VALID.replace("Ada SA", "c".repeat(201)), 400, "/contact/company"));
        cases.add(json("description too long", VALID.replace("\"help\"", "\"" + "h".repeat(5001) + "\""), 400, "/need/description"));
        cases.add(json("product too long", VALID.replace("[\"postgresql\"]", "[\"" + "p".repeat(65) + "\"]"), 400, "/need/products/0"));
        cases.add(json("too many products", VALID.replace("[\"postgresql\"]", "[" + "\"p\",".repeat(20) + "\"p\"]"), 400, "/need/products"));
        cases.add(json("city too long", VALID.replace("\"Rennes\"", "\"" + "r".repeat(101) + "\""), 400, "/location/city"));
        cases.add(json("postal code too long", VALID.replace("\"35000\"", "\"" + "3".repeat(21) + "\""), 400, "/location/postalCode"));
        cases.add(json("source too long", VALID.replace("\"website-form\"", "\"" + "s".repeat(65) + "\""), 400, "/source"));
        // unknown fields: no mass assignment
        cases.add(json("unknown top-level field", VALID.replace("{\"contact\"", "{\"status\": \"accepted\", \"contact\""), 400, "/status"));
        cases.add(json("partnerId smuggled in", VALID.replace("{\"contact\"", "{\"partnerId\": \"x\", \"contact\""), 400, "/partnerId"));
        cases.add(json("score smuggled into need", VALID.replace("\"description\": \"help\"", "\"description\": \"help\", \"score\": 100"), 400, "/need/score"));
        // not JSON, or JSON the parser refuses
        cases.add(json("truncated JSON", VALID.substring(0, 60), 400, null));
        cases.add(json("trailing garbage", VALID + "}}", 400, null));
        cases.add(json("single quotes", VALID.replace('"', '\''), 400, null));
        cases.add(json("empty body", "", 400, null));
        cases.add(json("deep nesting", "[".repeat(5000) + "]".repeat(5000), 400, null));
        cases.add(Arguments.of("invalid UTF-8", "application/json",
                concat(VALID.substring(0, 30).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28},
                        VALID.substring(30).getBytes(StandardCharsets.UTF_8)), 400, null));
        // media type and size
        cases.add(Arguments.of("text/plain", "text/plain", VALID.getBytes(StandardCharsets.UTF_8), 415, null));
        cases.add(Arguments.of("form-encoded to the JSON endpoint", "application/x-www-form-urlencoded",
                "email=malformed%40example.org".getBytes(StandardCharsets.UTF_8), 415, null));
        cases.add(json("oversize body", VALID.replace("\"help\"", "\"" + "h".repeat(70_000) + "\""), 413, null));
        return cases.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesTheMalformedLeadNamingTheFieldAndStoresNothing(String name, String contentType, byte[] body, int status, String pointer)
            throws Exception {
        long stored = leads();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (pointer != null) {
            assertThat(problem.get("errors").findValuesAsString("pointer")).as(response.body()).contains(pointer);
        }
        assertThat(leads()).isEqualTo(stored);
    }

    @Order(2)
    @Test
    void nothingMalformedWasPublishedAndTheServiceIsHealthy() throws Exception {
        assertThat(malformed().count()).isGreaterThanOrEqualTo(50);
        // each refused lead left the stored count as it was; and every lead on the topic is one intake stored
        // (intake publishes only what it stored first), so none of them was published
        var leads = mongo.getDatabase("lead-intake").getCollection("leads");
        assertThat(leadsReceived.recordsAfter(Duration.ofSeconds(1), record -> record.timestamp() >= started))
                .allSatisfy(record -> assertThat(leads.countDocuments(new org.bson.Document("_id", UUID.fromString(record.key())))).isOne());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("leadrelay_requests_rejected_total{reason=\"validation\"").contains("reason=\"malformed\"");
    }

    @Order(3)
    @Test
    void everyOffendingFieldIsNamedInOneAnswer() throws Exception {
        String body = VALID.replace("{\"contact\"", "{\"status\": \"accepted\", \"partnerId\": \"p-1\", \"contact\"")
                .replace("\"city\": \"Rennes\"", "\"city\": \"Rennes\", \"score\": 99")
                .replace("\"malformed@example.org\"", "\"not an email\"");
        long stored = leads();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").findValuesAsString("pointer")).as(response.body())
                .containsExactlyInAnyOrder("/contact/email", "/location/score", "/partnerId", "/status");
        assertThat(leads()).isEqualTo(stored);
    }

    @Order(4)
    @Test
    void aNumberOutOfRangeIsNamedByItsPointer() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(VALID.replace("\"employees\": 20", "\"employees\": 99999999999999"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("pointer")).as(response.body()).containsExactly("/employees");
    }

    private long leads() {
        return mongo.getDatabase("lead-intake").getCollection("leads").countDocuments();
    }

    private static Arguments json(String name, String body, int status, String pointer) {
        return Arguments.of(name, "application/json", body.getBytes(StandardCharsets.UTF_8), status, pointer);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}

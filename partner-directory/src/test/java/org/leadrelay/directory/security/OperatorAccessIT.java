package org.leadrelay.directory.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.directory.PartnerDirectoryApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.leadrelay.testing.StubIssuer;

/**
 * With an OIDC issuer configured, as in production, operators manage the partner network with the
 * issuer's JWT carrying the operator scope; local operator accounts and partners' keys over HTTP
 * Basic keep working beside it.
 */
@WithInfrastructure
@SpringBootTest(classes = PartnerDirectoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + PartnerDirectoryApplication.CONFIG_NAME, "leadrelay.webhooks.allowed-hosts=127.0.0.1"})
class OperatorAccessIT {

    private static final String OPERATOR = basic("operator", "local-operator-password");
    private static final StubIssuer ISSUER = StubIssuer.start();
    private static final Duration VALID = Duration.ofMinutes(5);
    private static final String PARTNER = """
            {"name": "Grenoble Free Software", "tier": "SILVER", "countries": ["FR"], "specialities": ["PostgreSQL"],
             "languages": ["fr"], "capacity": 2, "notificationEmail": "leads@grenoble-fs.example"}
            """;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void trustTheIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::uri);
    }

    @AfterAll
    static void stopTheIssuer() {
        ISSUER.close();
    }

    @Test
    void anOperatorsJwtManagesPartnersUnderTheTokensSubject() throws Exception {
        String operator = ISSUER.token("ops-ada", "openid leadrelay.operator", VALID);

        HttpResponse<String> registered = send("POST", "/api/partners", operator, PARTNER);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String partnerId = json.readTree(registered.body()).get("partner").get("id").asString();
        assertThat(send("GET", "/api/partners", operator, null).statusCode()).isEqualTo(200);

        JsonNode audit = json.readTree(send("GET", "/api/partners/" + partnerId + "/audit", operator, null).body());
        assertThat(audit.get(0).get("action").asString()).isEqualTo("created");
        assertThat(audit.get(0).get("actor").asString()).isEqualTo("ops-ada");
    }

    @Test
    void aJwtWithoutTheOperatorScopeIsForbidden() throws Exception {
        HttpResponse<String> viewer = send("GET", "/api/partners", ISSUER.token("viewer-bo", "openid leadrelay.viewer", VALID), null);

        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(viewer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void anExpiredOrForgedJwtIsRefused() throws Exception {
        assertThat(send("GET", "/api/partners", ISSUER.token("ops-ada", "leadrelay.operator", Duration.ofMinutes(-5)), null).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/partners", ISSUER.forged("ops-ada", "leadrelay.operator", VALID), null).statusCode()).isEqualTo(401);
    }

    @Test
    void operatorAccountsAndPartnerKeysStillSignInBesideTheIssuer() throws Exception {
        HttpResponse<String> registered = send("POST", "/api/partners", OPERATOR, PARTNER);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode partner = json.readTree(registered.body());
        String partnerId = partner.get("partner").get("id").asString();
        String partnerKey = basic(partnerId, partner.get("apiKey").asString());

        assertThat(send("GET", "/api/partners", OPERATOR, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/partners/" + partnerId, partnerKey, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/partners", partnerKey, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/partners", null, null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

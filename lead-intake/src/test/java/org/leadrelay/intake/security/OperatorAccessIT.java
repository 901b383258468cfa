package org.leadrelay.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what: the operator API needs an operator (a local account over HTTP Basic, or a JWT
 * granting the operator scope, as production's OIDC issuer would sign it); the public lead API,
 * the form and the probes answer as they did before intake had any sign-in.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "spring.mongodb.database=lead-intake-operator-access",
        "leadrelay.intake.leads-per-minute-per-client=100000",
        "leadrelay.intake.security.operators.operator={noop}access-test-operator-password"})
class OperatorAccessIT {

    private static final String OPERATOR = basic("operator", "access-test-operator-password");
    /** The signing key of the test's stand-in for an OIDC issuer; intake trusts its public half. */
    private static final KeyPair ISSUER = rsaKeyPair();
    /** What system-tests' LeadRelayStack excludes when it runs every service on one class path. */
    private static final String SECURITY_AUTO_CONFIGURATION = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void trustTheIssuer(DynamicPropertyRegistry registry) throws Exception {
        Path key = Files.createTempFile("issuer", ".pem");
        key.toFile().deleteOnExit();
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ISSUER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> key.toUri().toString());
    }

    @Test
    void theErasureApiNeedsAnOperatorByLocalAccountOrByJwt() throws Exception {
        String erasure = "{\"leadId\": \"" + UUID.randomUUID() + "\"}";

        HttpResponse<String> anonymous = send(port, "POST", "/api/erasures", erasure, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(send(port, "GET", "/api/erasures/" + UUID.randomUUID(), null, null).statusCode()).isEqualTo(401);
        assertThat(send(port, "POST", "/api/erasures", erasure, basic("operator", "not-the-password")).statusCode()).isEqualTo(401);
        assertThat(send(port, "POST", "/api/erasures", erasure, bearer("ops-ada", "leadrelay.operator", Duration.ofMinutes(-5)))
                .statusCode()).isEqualTo(401);

        HttpResponse<String> viewer = send(port, "POST", "/api/erasures", erasure, bearer("viewer-bo", "leadrelay.viewer", Duration.ofMinutes(5)));
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(json.readTree(viewer.body()).get("status").asInt()).isEqualTo(403);

        assertThat(send(port, "POST", "/api/erasures", erasure, OPERATOR).statusCode()).isEqualTo(404);
        String leadId = submitLead(port, null);
        HttpResponse<String> byJwt = send(port, "POST", "/api/erasures", "{\"leadId\": \"" + leadId + "\"}",
                bearer("ops-ada", "openid leadrelay.operator", Duration.ofMinutes(5)));
        assertThat(byJwt.statusCode()).as(byJwt.body()).isEqualTo(202);
        assertThat(json.readTree(byJwt.body()).get("erasures").get(0).get("requestedBy").asString()).isEqualTo("ops-ada");
    }

    @Test
    void thePublicEndpointsAnswerAsBeforeWithoutSignInHeadersOrSessions() throws Exception {
        // credentials that would be refused on the operator API change nothing on the public one
        String leadId = submitLead(port, basic("operator", "not-the-password"));
        HttpResponse<String> status = send(port, "GET", "/api/leads/" + leadId, null, null);
        assertThat(status.statusCode()).isEqualTo(200);

        HttpResponse<String> form = send(port, "GET", "/form", null, null);
        assertThat(form.statusCode()).isEqualTo(200);
        // embeddable as before: no X-Frame-Options, no cache or content-type headers added, no session cookie
        assertThat(form.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-Frame-Options")
                || name.equalsIgnoreCase("X-Content-Type-Options") || name.equalsIgnoreCase("Set-Cookie")
                || name.equalsIgnoreCase("Pragma"));
        assertThat(send(port, "GET", "/", null, null).statusCode()).isBetween(300, 399);

        HttpResponse<String> health = send(port, "GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("components");
        assertThat(send(port, "GET", "/actuator/health", null, OPERATOR).body()).contains("components");
        assertThat(send(port, "GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theErasureApiStaysClosedWhereSpringBootsSecurityAutoConfigurationIsExcluded() throws Exception {
        try (ConfigurableApplicationContext intake = LeadIntakeApplication.application().run("--server.port=0",
                "--spring.mongodb.database=lead-intake-security-excluded", "--spring.autoconfigure.exclude=" + SECURITY_AUTO_CONFIGURATION,
                "--leadrelay.intake.security.operators.operator={noop}access-test-operator-password",
                "--logging.include-application-name=false")) {
            int excluded = Integer.parseInt(intake.getEnvironment().getProperty("local.server.port"));
            String erasure = "{\"leadId\": \"" + UUID.randomUUID() + "\"}";

            assertThat(send(excluded, "POST", "/api/erasures", erasure, null).statusCode()).isEqualTo(401);
            assertThat(send(excluded, "POST", "/api/erasures", erasure, OPERATOR).statusCode()).isEqualTo(404);
            String leadId = submitLead(excluded, null);
            assertThat(send(excluded, "GET", "/api/leads/" + leadId, null, null).statusCode()).isEqualTo(200);
            assertThat(send(excluded, "GET", "/form", null, null).statusCode()).isEqualTo(200);
        }
    }

    private String submitLead(int port, String authorization) throws Exception {
        HttpResponse<String> response = send(port, "POST", "/api/leads", """
                {"contact": {"email": "access-%s@example.org"}, "need": {"products": ["java"]},
                 "location": {"country": "FR"}, "consent": true}
                """.formatted(UUID.randomUUID()), authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("leadId").asString();
    }

    private HttpResponse<String> send(int port, String method, String path, String body, String authorization) throws Exception {
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

    /** A JWT as the organisation's OIDC issuer would sign it, expiring {@code validFor} from now (negative: expired). */
    private static String bearer(String subject, String scope, Duration validFor) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject(subject).claim("scope", scope)
                .issueTime(Date.from(now.minus(Duration.ofMinutes(10)))).expirationTime(Date.from(now.plus(validFor))).build());
        jwt.sign(new RSASSASigner(ISSUER.getPrivate()));
        return "Bearer " + jwt.serialize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }
}

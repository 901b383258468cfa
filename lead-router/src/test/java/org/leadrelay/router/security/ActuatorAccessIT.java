package org.leadrelay.router.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.leadrelay.router.LeadRouterApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Health says UP to anyone and shows its components (the database among them) to a signed-in
 * operator only; actuator endpoints other than the probes and the scrape are not served.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadRouterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadRouterApplication.CONFIG_NAME, "spring.mongodb.database=lead-router-actuator"})
class ActuatorAccessIT {

    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:local-operator-password".getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void health_details_are_for_signed_in_operators_and_other_endpoints_are_off() throws Exception {
        // not ready (503) until its replica of partners.v1 has caught up (ADR 0010), which takes a moment on a busy machine
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> get("/actuator/health", null).statusCode() == 200);
        HttpResponse<String> anonymous = get("/actuator/health", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("components");

        HttpResponse<String> operator = get("/actuator/health", OPERATOR);
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("components").contains("mongo");

        assertThat(get("/actuator/metrics", OPERATOR).statusCode()).isIn(403, 404);
        assertThat(get("/actuator/env", OPERATOR).statusCode()).isIn(403, 404);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

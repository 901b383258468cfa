package org.leadrelay.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * lead-intake as production runs it: development mode off, its own form key. The probes and the
 * Prometheus scrape answer; health says UP without its components; metrics and the API docs are
 * not served.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "spring.mongodb.database=lead-intake-production-mode",
        "leadrelay.development=false", "leadrelay.intake.form-signing-key=k9Qv2sL7xT4mW8pZ1rN6bY3cF5hJ0dGa-intake-test"})
class ProductionModeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void onlyTheProbesAndTheScrapeAreServedAndHealthKeepsItsDetails() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("mongo");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").body()).contains("leadrelay_intake");

        assertThat(get("/actuator/metrics").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/v3/api-docs").statusCode()).isEqualTo(404);
        assertThat(get("/swagger-ui.html").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

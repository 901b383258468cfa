package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "leadrelay.intake.leads-per-minute-per-client=5",
                "spring.mongodb.database=lead-intake-rate-limit"})
class RateLimitIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aClientPastItsLimitIsToldWhenToComeBack() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads"))
                    // claiming to be someone else through a proxy header changes nothing: no proxy is trusted by default
                    .header("X-Forwarded-For", "203.0.113." + (i + 1))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"contact": {"email": "burst-%d@example.fr"}, "need": {"products": ["java"]},
                             "location": {"country": "FR"}, "consent": true}
                            """.formatted(i))).build(), HttpResponse.BodyHandlers.ofString()));
        }

        assertThat(responses.subList(0, 5)).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(202));
        HttpResponse<String> refused = responses.get(5);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("5;w=60");
        assertThat(refused.headers().firstValue("RateLimit")).hasValueSatisfying(value -> assertThat(value).contains("remaining=0"));
        assertThat(responses.get(0).headers().firstValue("RateLimit")).hasValueSatisfying(value -> assertThat(value).contains("remaining=4"));
    }
}

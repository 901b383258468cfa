package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behind a trusted reverse proxy (here the test itself, on 127.0.0.1) the rate limit counts each
 * client by the address the proxy's {@code X-Forwarded-For} gives, so the people behind one proxy
 * do not share one budget.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "leadrelay.intake.leads-per-minute-per-client=2",
                "leadrelay.trusted-proxies=127\\\\.0\\\\.0\\\\.1", "spring.mongodb.database=lead-intake-trusted-proxy"})
class TrustedProxyIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void eachClientBehindTheProxyHasItsOwnBudget() throws Exception {
        assertThat(post("198.51.100.7", 1)).isEqualTo(202);
        assertThat(post("198.51.100.7", 2)).isEqualTo(202);
        assertThat(post("198.51.100.7", 3)).as("the third lead of the same client within the minute").isEqualTo(429);

        assertThat(post("198.51.100.8", 4)).as("another client behind the same proxy").isEqualTo(202);
    }

    private int post(String client, int n) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads"))
                .header("X-Forwarded-For", client).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"contact": {"email": "behind-proxy-%d@example.fr"}, "need": {"products": ["java"]},
                         "location": {"country": "FR"}, "consent": true}
                        """.formatted(n))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

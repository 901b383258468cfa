package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Topics;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * R10 (docs/reliability.md): 100 requests at once with one Idempotency-Key make one lead, stored
 * and published once; each of the others gets the first answer or 409; another body under the
 * key gets 422; the same key from another client is another client's key.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + LeadIntakeApplication.CONFIG_NAME, "spring.mongodb.database=lead-intake-concurrent-idempotency",
        "leadrelay.intake.leads-per-minute-per-client=100000", "leadrelay.trusted-proxies=127\\\\.0\\\\.0\\\\.1"})
class ConcurrentIdempotencyIT {

    private static final int REQUESTS = 100;
    private final HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(32)).build();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Test
    void oneKeyAHundredTimesAtOnceIsOneLeadPublishedOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = lead("r10-" + key + "@example.fr");
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            sent.add(http.sendAsync(request("198.51.100.10", key, body), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new, Collectors.counting()));
        System.out.println("R10: " + REQUESTS + " concurrent requests with one Idempotency-Key answered " + byStatus);
        assertThat(byStatus.keySet()).as("only the first answer or 409").isSubsetOf(202, 409);
        Set<String> leadIds = answers.stream().filter(answer -> answer.statusCode() == 202)
                .map(answer -> json.readTree(answer.body()).get("leadId").asString()).collect(Collectors.toSet());
        assertThat(leadIds).as("every 202 names the same lead").hasSize(1);
        String leadId = leadIds.iterator().next();

        try (TopicProbe received = TopicProbe.on(Topics.LEADS_RECEIVED)) {
            received.awaitRecord(TopicProbe.keyed(leadId));
            assertThat(received.recordsAfter(Duration.ofSeconds(2), TopicProbe.keyed(leadId))).as("published once").hasSize(1);
        }
        HttpResponse<String> retried = http.send(request("198.51.100.10", key, body), HttpResponse.BodyHandlers.ofString());
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(json.readTree(retried.body()).get("leadId").asString()).as("a later retry gets the first answer").isEqualTo(leadId);

        HttpResponse<String> otherBody = http.send(request("198.51.100.10", key, lead("someone-else-" + key + "@example.fr")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(otherBody.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> otherClient = http.send(request("198.51.100.11", key, lead("other-client-" + key + "@example.fr")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otherClient.statusCode()).as("keys are scoped per client").isEqualTo(202);
        assertThat(json.readTree(otherClient.body()).get("leadId").asString()).isNotEqualTo(leadId);
    }

    private HttpRequest request(String client, String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads")).header("X-Forwarded-For", client)
                .header("Idempotency-Key", key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String lead(String email) {
        return """
                {"contact": {"email": "%s"}, "need": {"products": ["postgresql"]}, "location": {"country": "FR"}, "consent": true}
                """.formatted(email);
    }
}

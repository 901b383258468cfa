package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.Topics;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two lead-intake instances on one database behave as one service: a client's rate limit is
 * counted across both, the same request sent to each with one Idempotency-Key is one lead, the
 * same person asking twice through different instances is stored as a duplicate, and every lead
 * taken is published once.
 */
@WithInfrastructure
class IntakeInstancesIT {

    private static final String DATABASE = "lead-intake-instances";
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @Test
    void twoInstancesShareTheLimitTheIdempotencyKeysTheDuplicatesAndPublishEachLeadOnce() throws Exception {
        List<ConfigurableApplicationContext> instances = List.of(instance(), instance());
        try (TopicProbe received = TopicProbe.on(Topics.LEADS_RECEIVED)) {
            List<Integer> ports = instances.stream().map(instance -> Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")))
                    .toList();
            String run = UUID.randomUUID().toString().substring(0, 8);

            // the limit is 6 a minute for a client, whichever instance it reaches
            List<Integer> statuses = new ArrayList<>();
            List<String> leadIds = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                HttpResponse<String> answer = post(ports.get(i % 2), "198.51.100.1", lead("limit-" + run + "-" + i + "@example.fr"), null);
                statuses.add(answer.statusCode());
                if (answer.statusCode() == 202) {
                    leadIds.add(json.readTree(answer.body()).get("leadId").asString());
                }
            }
            assertThat(statuses).containsExactly(202, 202, 202, 202, 202, 202, 429);

            // one Idempotency-Key, the same request to each instance: one lead
            String key = UUID.randomUUID().toString();
            String retried = lead("retry-" + run + "@example.fr");
            HttpResponse<String> first = post(ports.get(0), "198.51.100.2", retried, key);
            HttpResponse<String> again = post(ports.get(1), "198.51.100.2", retried, key);
            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(again.statusCode()).isEqualTo(202);
            String retriedId = json.readTree(first.body()).get("leadId").asString();
            assertThat(json.readTree(again.body()).get("leadId").asString()).isEqualTo(retriedId);
            leadIds.add(retriedId);

            // the same person asking the same thing through the other instance: a duplicate, not published
            String asked = lead("twice-" + run + "@example.fr");
            String original = json.readTree(post(ports.get(0), "198.51.100.3", asked, null).body()).get("leadId").asString();
            HttpResponse<String> repeat = post(ports.get(1), "198.51.100.3", asked, null);
            assertThat(repeat.statusCode()).isEqualTo(202);
            assertThat(json.readTree(repeat.body()).get("duplicateOf").asString()).isEqualTo(original);
            String duplicate = json.readTree(repeat.body()).get("leadId").asString();
            leadIds.add(original);

            List<ConsumerRecord<String, byte[]>> published = received.awaitRecords(record -> leadIds.contains(record.key()), leadIds.size());
            assertThat(received.recordsAfter(Duration.ofSeconds(2), record -> leadIds.contains(record.key()) || record.key().equals(duplicate)))
                    .as("each lead published once, the duplicate never").hasSize(leadIds.size());
            assertThat(published).extracting(record -> TopicProbe.event(record, LeadReceived.class).leadId().toString())
                    .containsExactlyInAnyOrderElementsOf(leadIds);
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext instance() {
        // the test is the clients' proxy: X-Forwarded-For tells the instances who each client is
        return LeadIntakeApplication.application().run("--server.port=0", "--spring.mongodb.database=" + DATABASE,
                "--leadrelay.intake.leads-per-minute-per-client=6", "--leadrelay.trusted-proxies=127\\.0\\.0\\.1");
    }

    private HttpResponse<String> post(int port, String client, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads"))
                .header("X-Forwarded-For", client).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String lead(String email) {
        return """
                {"contact": {"email": "%s"}, "need": {"products": ["java"]}, "location": {"country": "FR"}, "consent": true}
                """.formatted(email);
    }
}

package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Topics;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.kafka.StandaloneKafka;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake's promise under a broker outage: the broker stops, leads posted meanwhile are answered
 * 202, and once it is back every acknowledged lead is on leads.received.v1, exactly once per
 * leadId. The broker is a real one of its own (from the Kafka jars, on fixed ports and a log
 * directory that survives the restart), not the shared test broker.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadIntakeApplication.CONFIG_NAME,
                "spring.mongodb.database=lead-intake-outage",
                "leadrelay.events.send-timeout=2s",
                "leadrelay.events.sweep-grace=3s",
                "leadrelay.events.sweep-interval=500ms",
                "spring.kafka.admin.operation-timeout=2s",
                "leadrelay.intake.leads-per-minute-per-client=100000"})
class LeadIntakeBrokerOutageIT {

    private static final int BROKER_PORT = freePort();
    private static final int CONTROLLER_PORT = freePort();
    private static Path logDir;
    private static StandaloneKafka broker;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) throws IOException {
        logDir = Files.createTempDirectory("intake-outage-kafka");
        broker = StandaloneKafka.start(logDir, BROKER_PORT, CONTROLLER_PORT);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void leadsAcknowledgedWhileTheBrokerIsDownArePublishedOnceItIsBack() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acknowledged.add(accepted(i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.stream().map(this::status).allMatch("published"::equals));

        broker.close();
        for (int i = 5; i < 25; i++) {
            acknowledged.add(accepted(i));
        }
        assertThat(status(acknowledged.get(24))).isEqualTo("received");
        // the gauges read the store when scraped: all 20 count at once (not after the next sweep),
        // and the oldest one's wait grows
        assertThat(metric("leadrelay_intake_pending")).isEqualTo(20.0);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(metric("leadrelay_intake_pending_oldest_seconds")).isGreaterThanOrEqualTo(1.0));

        broker = StandaloneKafka.start(logDir, BROKER_PORT, CONTROLLER_PORT);

        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.LEADS_RECEIVED)) {
            probe.awaitRecords(record -> acknowledged.contains(record.key()), acknowledged.size());
            Map<String, Long> perLead = probe.recordsAfter(Duration.ofSeconds(2), record -> acknowledged.contains(record.key()))
                    .stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(perLead).hasSize(acknowledged.size()).allSatisfy((leadId, count) -> assertThat(count).as(leadId).isEqualTo(1));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.stream().map(this::status).allMatch("published"::equals));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(metric("leadrelay_intake_pending")).isZero();
            assertThat(metric("leadrelay_intake_pending_oldest_seconds")).isZero();
        });
    }

    /** The value /actuator/prometheus shows for a meter (tags ignored). */
    private double metric(String name) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return page.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not on /actuator/prometheus"));
    }

    private String accepted(int i) throws Exception {
        HttpResponse<String> response = post("""
                {"contact": {"email": "outage-%d@example.fr"}, "need": {"products": ["postgresql"]},
                 "location": {"country": "FR"}, "consent": true}
                """.formatted(i));
        assertThat(response.statusCode()).isEqualTo(202);
        return json.readTree(response.body()).get("leadId").asString();
    }

    private String status(String leadId) {
        try {
            return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads/" + leadId)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("status").asString();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

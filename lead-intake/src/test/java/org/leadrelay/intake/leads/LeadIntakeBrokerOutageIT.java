package org.leadrelay.intake.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Topics;
import org.leadrelay.intake.LeadIntakeApplication;
import org.leadrelay.kafka.StandaloneKafka;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * R2 (docs/reliability.md), intake's promise under a broker outage: the broker stops, leads posted
 * meanwhile by many clients at once, more than the senders' queue holds, are all answered 202 well
 * within the send timeout, and once it is back every acknowledged lead is on leads.received.v2,
 * exactly once per leadId, and the next lead is sent at once again. The broker is a real one of
 * its own (from the Kafka jars, on fixed ports and a log directory that survives the restart), not
 * the shared test broker.
 */
@WithInfrastructure
@SpringBootTest(classes = LeadIntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + LeadIntakeApplication.CONFIG_NAME,
                "spring.mongodb.database=lead-intake-outage",
                // a send timeout far above what a prompt answer takes, so an answer that waits for
                // one cannot pass for prompt
                "leadrelay.events.send-timeout=10s",
                "leadrelay.events.sweep-grace=11s",
                "leadrelay.events.sweep-interval=500ms",
                "spring.kafka.admin.operation-timeout=2s",
                "leadrelay.intake.leads-per-minute-per-client=100000"})
class LeadIntakeBrokerOutageIT {

    private static final int CLIENTS = 16;
    private static final int LOAD_AT_LEAST = 600;
    private static final int BROKER_PORT = freePort();
    private static final int CONTROLLER_PORT = freePort();
    private static Path logDir;
    private static StandaloneKafka broker;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

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
            acknowledged.add(accepted("healthy-" + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.stream().map(this::status).allMatch("published"::equals));

        broker.close();
        for (int i = 0; i < 20; i++) {
            acknowledged.add(accepted("outage-" + i));
        }
        assertThat(status(acknowledged.get(24))).isEqualTo("received");
        // the gauges read the store when scraped: all 20 count at once (not after the next sweep),
        // and the oldest one's wait grows
        assertThat(metric("leadrelay_intake_pending")).isEqualTo(20.0);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(metric("leadrelay_intake_pending_oldest_seconds")).isGreaterThanOrEqualTo(1.0));

        // load while the broker is down: more leads than the senders' queue holds, from the moment
        // intake cannot know yet (its first sends are still waiting for an acknowledgement) until
        // after it has noticed
        List<Answer> load = postConcurrently(CLIENTS, LOAD_AT_LEAST, () -> deferred("broker-unreachable") > 0, Duration.ofSeconds(25));
        assertThat(deferred("broker-unreachable")).as("intake noticed the outage while leads kept coming").isPositive();
        assertThat(load).hasSizeGreaterThanOrEqualTo(LOAD_AT_LEAST)
                .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(202));
        load.forEach(answer -> acknowledged.add(answer.leadId()));
        long[] millis = load.stream().mapToLong(answer -> answer.took().toMillis()).sorted().toArray();
        assertThat(millis[millis.length - 1]).as("slowest of %d answers (ms) while the broker is down, send timeout 10 s (p50 %d ms, p99 %d ms)",
                millis.length, percentile(millis, 50), percentile(millis, 99)).isLessThan(2_000);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(metric("leadrelay_intake_pending")).isEqualTo(20.0 + load.size()));

        broker = StandaloneKafka.start(logDir, BROKER_PORT, CONTROLLER_PORT);
        long restarted = System.nanoTime();

        Set<String> expected = Set.copyOf(acknowledged);
        Duration toPublishAll;
        try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), Topics.LEADS_RECEIVED)) {
            // the sweeper publishes the backlog once it is past the sweep grace; a busy machine takes its time over a thousand
            probe.awaitRecords(record -> expected.contains(record.key()), expected.size(), Duration.ofMinutes(2));
            toPublishAll = Duration.ofNanos(System.nanoTime() - restarted);
            Map<String, Long> perLead = probe.recordsAfter(Duration.ofSeconds(2), record -> expected.contains(record.key()))
                    .stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(perLead).hasSize(expected.size()).allSatisfy((leadId, count) -> assertThat(count).as(leadId).isEqualTo(1));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.stream().map(this::status).allMatch("published"::equals));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(metric("leadrelay_intake_pending")).isZero();
            assertThat(metric("leadrelay_intake_pending_oldest_seconds")).isZero();
        });

        // the broker acknowledges again: a new lead goes out right away, not after the sweep grace
        String afterRecovery = accepted("after-recovery");
        await().atMost(Duration.ofSeconds(5)).until(() -> "published".equals(status(afterRecovery)));

        System.out.printf(Locale.ROOT,
                "R2: %d leads posted by %d concurrent clients while the broker was down (senders' queue holds 500, send timeout 10 s),"
                        + " all 202; answer time p50 %d ms, p99 %d ms, max %d ms; %d left to the sweeper as the senders were busy,"
                        + " %d as the broker was unreachable; all %d acknowledged leads on %s exactly once %.1f s after the broker"
                        + " restarted (sweep grace 11 s)%n",
                load.size(), CLIENTS, percentile(millis, 50), percentile(millis, 99), millis[millis.length - 1],
                (long) deferred("senders-busy"), (long) deferred("broker-unreachable"), expected.size(), Topics.LEADS_RECEIVED,
                toPublishAll.toMillis() / 1000.0);
    }

    /** One timed answer of the load. */
    private record Answer(int status, String body, String leadId, Duration took) {
    }

    /**
     * Posts leads from {@code clients} threads, each timing its requests, until at least
     * {@code atLeast} are answered and {@code enough} holds, or {@code bound} has passed.
     */
    private List<Answer> postConcurrently(int clients, int atLeast, BooleanSupplier enough, Duration bound) throws Exception {
        AtomicInteger posted = new AtomicInteger();
        long deadline = System.nanoTime() + bound.toNanos();
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(threads.submit(() -> {
                    while (System.nanoTime() < deadline && (posted.get() < atLeast || !enough.getAsBoolean())) {
                        long started = System.nanoTime();
                        HttpResponse<String> response = post(body("load-" + posted.incrementAndGet()));
                        Duration took = Duration.ofNanos(System.nanoTime() - started);
                        String leadId = response.statusCode() == 202 ? json.readTree(response.body()).get("leadId").asString() : null;
                        answers.add(new Answer(response.statusCode(), response.body(), leadId, took));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return List.copyOf(answers);
    }

    private double deferred(String reason) {
        Counter counter = meters.find("leadrelay.intake.deferred").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
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

    private String accepted(String name) throws Exception {
        HttpResponse<String> response = post(body(name));
        assertThat(response.statusCode()).isEqualTo(202);
        return json.readTree(response.body()).get("leadId").asString();
    }

    private static String body(String name) {
        return """
                {"contact": {"email": "%s@example.fr"}, "need": {"products": ["postgresql"]},
                 "location": {"country": "FR"}, "consent": true}
                """.formatted(name);
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

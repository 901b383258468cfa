package org.leadrelay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WebhookReceiver;
import org.leadrelay.testing.WithInfrastructure;

/**
 * A load run, not a test: posts many leads through the whole system and measures the time from
 * posting a lead to its partner's webhook arriving. Run it with
 * {@code ./mvnw -pl system-tests -am verify -Dleadrelay.load=true -Dtest=LeadFlowLoadRun -Dsurefire.failIfNoSpecifiedTests=false};
 * the figures go to docs/performance.md. Nothing here asserts a duration.
 */
@WithInfrastructure
@EnabledIfSystemProperty(named = "leadrelay.load", matches = "true")
class LeadFlowLoadRun {

    private static final int PARTNERS = 30;
    private static final int WARM_UP = 300;
    private static final int LEADS = Integer.getInteger("leadrelay.load.leads", 3000);
    private static final int CLIENTS = Integer.getInteger("leadrelay.load.clients", 8);
    /** Leads per second to post at; 0 posts as fast as the clients can (an overload run). */
    private static final int RATE = Integer.getInteger("leadrelay.load.rate", 0);
    private static final Pattern PARTNER_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern LEAD_ID = Pattern.compile("\"leadId\":\"([0-9a-f-]{36})\"");
    private static final String[] COUNTRIES = {"FR", "BE", "CH", "LU", "DE", "CA"};
    private static final String[] PRODUCTS = {"postgresql", "mariadb", "java", "tomcat", "kubernetes", "linux"};

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measureLeadToWebhookLatency() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Map<String, Long> webhookArrivals = new ConcurrentHashMap<>();
        try (WebhookReceiver partners = WebhookReceiver.start();
                LeadRelayStack stack = new LeadRelayStack(smtp.getSmtp().getPort(), "--leadrelay.webhooks.allowed-hosts=127.0.0.1")) {
            List<UUID> partnerIds = new ArrayList<>();
            for (int i = 0; i < PARTNERS; i++) {
                String registered = post(stack.directory.resolve("/api/partners"), """
                        {"name": "Partner %d", "tier": "%s", "countries": ["%s", "%s"], "specialities": ["%s", "%s", "migration", "support"],
                         "languages": ["fr", "de", "en"], "capacity": 1000, "notificationEmail": "p%d@partners.example",
                         "webhookUrl": "%s"}
                        """.formatted(i, i % 2 == 0 ? "GOLD" : "SILVER", COUNTRIES[i % 6], COUNTRIES[(i + 1) % 6],
                        PRODUCTS[i % 6], PRODUCTS[(i + 2) % 6], i, partners.url("/p" + i)), 201);
                Matcher id = PARTNER_ID.matcher(registered.replace(" ", ""));
                assertThat(id.find()).isTrue();
                partnerIds.add(UUID.fromString(id.group(1)));
            }
            stack.awaitPartnersCopied(partnerIds);

            run(stack, WARM_UP);
            long warmedWebhooks = WARM_UP;
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> partners.received(request -> true).size() >= warmedWebhooks);

            TopicProbe assignments = TopicProbe.on(Topics.ASSIGNMENTS);
            assignments.awaitRecords(record -> true, WARM_UP);
            int before = partners.received(request -> true).size();
            long started = System.nanoTime();
            Map<String, Long> posted = run(stack, LEADS);
            long postedAll = System.nanoTime();
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> partners.received(request -> true).size() >= before + LEADS);
            long finished = System.nanoTime();

            for (WebhookReceiver.Received request : partners.received(request -> true)) {
                Matcher matcher = LEAD_ID.matcher(request.body());
                if (matcher.find()) {
                    webhookArrivals.put(matcher.group(1), request.receivedNanos());
                }
            }
            List<Long> toAssigned = new ArrayList<>();
            for (var record : assignments.awaitRecords(record -> posted.containsKey(record.key()), LEADS)) {
                toAssigned.add((record.timestamp() - postedMillis.get(record.key())) * 1_000_000);
            }
            assignments.close();
            Collections.sort(toAssigned);
            List<Long> latencies = new ArrayList<>();
            posted.forEach((leadId, postedAt) -> latencies.add(webhookArrivals.get(leadId) - postedAt));
            Collections.sort(latencies);
            assertThat(latencies).hasSize(LEADS);
            System.out.printf("LOAD RUN: %d leads, %d clients, %d partners, rate %s%n", LEADS, CLIENTS, PARTNERS,
                    RATE == 0 ? "unpaced" : RATE + " leads/s");
            System.out.printf("LOAD RUN: post -> LeadAssigned on Kafka: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    millis(toAssigned, 0.50), millis(toAssigned, 0.95), millis(toAssigned, 0.99), toAssigned.get(toAssigned.size() - 1) / 1_000_000);
            System.out.printf("LOAD RUN: intake throughput %.0f leads/s, end-to-end throughput %.0f leads/s%n",
                    LEADS / seconds(postedAll - started), LEADS / seconds(finished - started));
            System.out.printf("LOAD RUN: post -> signed webhook received: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    millis(latencies, 0.50), millis(latencies, 0.95), millis(latencies, 0.99), latencies.get(latencies.size() - 1) / 1_000_000);
        } finally {
            smtp.stop();
        }
    }

    private final Map<String, Long> postedMillis = new ConcurrentHashMap<>();

    private Map<String, Long> run(LeadRelayStack stack, int leads) throws Exception {
        Map<String, Long> posted = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < leads; i++) {
                int n = i;
                long due = RATE == 0 ? 0 : start + n * 1_000_000_000L / RATE;
                work.add(clients.submit(() -> {
                    LockSupport.parkNanos(due - System.nanoTime());
                    long at = System.nanoTime();
                    long atMillis = System.currentTimeMillis();
                    String body = post(stack.intake.resolve("/api/leads"), """
                            {"contact": {"email": "customer-%s@example.org"}, "need": {"products": ["%s"], "services": ["migration"]},
                             "location": {"country": "%s"}, "language": "fr", "consent": true}
                            """.formatted(UUID.randomUUID(), PRODUCTS[n % 6], COUNTRIES[n % 6]), 202);
                    Matcher matcher = LEAD_ID.matcher(body.replace(" ", ""));
                    assertThat(matcher.find()).isTrue();
                    posted.put(matcher.group(1), at);
                    postedMillis.put(matcher.group(1), atMillis);
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
        return posted;
    }

    private String post(java.net.URI uri, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", LeadRelayStack.OPERATOR)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long millis(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1_000_000;
    }
}

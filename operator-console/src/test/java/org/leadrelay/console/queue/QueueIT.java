package org.leadrelay.console.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.ConsoleApplication;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.events.Consent;
import org.leadrelay.events.Contact;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.LeadReassigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.Location;
import org.leadrelay.events.Need;
import org.leadrelay.events.PassedOver;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;
import org.leadrelay.testing.ConsoleBrowser;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The queue through the real path: lead events on the broker, the page read as a browser reads it,
 * and the assignment sent to a stand-in for lead-router's operator API on a loopback port.
 */
@WithInfrastructure
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ConsoleApplication.CONFIG_NAME, LeadKeyServer.CONSOLE_URL, LeadKeyServer.CONSOLE_USERNAME,
                LeadKeyServer.CONSOLE_PASSWORD})
class QueueIT {

    private static final RouterStandIn router = RouterStandIn.start();
    private static TopicProbe kafka;

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @DynamicPropertySource
    static void routerAt(DynamicPropertyRegistry registry) {
        registry.add("leadrelay.console.services.router.url", router::url);
    }

    @BeforeAll
    static void probe() {
        kafka = TopicProbe.on();
    }

    @AfterAll
    static void close() {
        kafka.close();
        router.stop();
    }

    @BeforeEach
    void routerSaysYes() {
        router.answer(200, "{\"leadId\":\"x\",\"state\":\"OFFERED\"}");
    }

    @Test
    void anUnroutableLeadWaitsWithTheClosestPartnersByRuleAndAnOperatorAssignsItWithAReason() {
        UUID full = UUID.randomUUID();
        UUID german = UUID.randomUUID();
        LeadReceived lead = lead();
        publishUnroutable(lead, List.of(new PassedOver(full, "Rhône Data", "capacity: holds 5 of 5 open leads"),
                new PassedOver(german, "Berlin Postgres", "language: serves de, not fr")));

        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> row(operator.get("/queue").body(), lead.leadId()) != null
                && row(operator.get("/queue").body(), lead.leadId()).contains("Lyon · FR")); // the LeadReceived read too
        String row = row(operator.get("/queue").body(), lead.leadId());
        assertThat(row).contains("/leads/" + lead.leadId(), "<time datetime=\"" + lead.receivedAt() + "\"", "Lyon · FR",
                "postgresql, migration", "none of the 2 candidate partners is eligible", "capacity: 1 excluded",
                "data-rule=\"capacity\"", "data-rule=\"language\"", "If capacity were relaxed", "Rhône Data", "holds 5 of 5 open leads",
                "Berlin Postgres", "serves de, not fr", "assign-button", "value=\"" + full + "\"");

        HttpResponse<String> assigned = operator.postForm("/queue", "/queue/" + lead.leadId() + "/assignment",
                "partnerId=" + full + "&reason=customer+asked+for+them");
        assertThat(assigned.statusCode()).isEqualTo(200);
        assertThat(assigned.uri().getPath()).isEqualTo("/queue");
        assertThat(assigned.uri().getQuery()).isEqualTo("done=assigned");
        assertThat(notice(assigned.body())).contains("Lead " + lead.leadId() + " was assigned to partner " + full);

        RouterStandIn.Request sent = router.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/leads/" + lead.leadId() + "/assignment");
        assertThat(sent.body()).contains("\"partnerId\":\"" + full + "\"", "\"reason\":\"customer asked for them (by operator via console)\"");
        assertThat(sent.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("operator:local-operator-password".getBytes(StandardCharsets.UTF_8)));
        AuditEntry entry = audit.latest(20).stream().filter(e -> e.target().equals(lead.leadId().toString())).findFirst().orElseThrow();
        assertThat(entry.who()).isEqualTo("operator");
        assertThat(entry.action()).isEqualTo("lead.assigned");
        assertThat(entry.detail()).isEqualTo("partner " + full + ": customer asked for them");
        assertThat(entry.outcome()).isEqualTo("done");

        // the router's offer arrives: the lead leaves the queue
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        kafka.publish(new LeadReassigned(lead.leadId(), UUID.randomUUID(), full, "Rhône Data", null, "operator: customer asked for them", 1,
                Score.of(List.of(new ScoreComponent("operator", 0, "assigned by operator"))), List.of(), List.of(), lead.brief(), now,
                now.plus(Duration.ofHours(4))));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> row(operator.get("/queue").body(), lead.leadId()) == null);
    }

    @Test
    void aRefusalFromTheRouterIsShownWithItsDetailAndAudited() {
        LeadReceived lead = lead();
        UUID partner = UUID.randomUUID();
        publishUnroutable(lead, List.of(new PassedOver(partner, "Rhône Data", "status: paused")));
        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> row(operator.get("/queue").body(), lead.leadId()) != null);

        router.answer(409, "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
                + "\"detail\":\"this lead was accepted: it stays with the partner that accepted it\"}");
        HttpResponse<String> refused = operator.postForm("/queue", "/queue/" + lead.leadId() + "/assignment",
                "partnerId=" + partner + "&reason=try+anyway");

        assertThat(refused.uri().getQuery()).isEqualTo("refused=assigned");
        assertThat(notice(refused.body())).contains("409", "this lead was accepted: it stays with the partner that accepted it");
        AuditEntry entry = audit.latest(20).stream().filter(e -> e.target().equals(lead.leadId().toString())).findFirst().orElseThrow();
        assertThat(entry.outcome()).contains("409 this lead was accepted");
        assertThat(row(operator.get("/queue").body(), lead.leadId())).isNotNull();

        router.answer(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no lead here\"}");
        HttpResponse<String> reopened = operator.postForm("/queue", "/queue/" + lead.leadId() + "/reopen", "");
        assertThat(notice(reopened.body())).contains("404 no lead here");
        assertThat(router.last().path()).isEqualTo("/api/leads/" + lead.leadId() + "/reopen");
        assertThat(audit.latest(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("lead.reopened");
            assertThat(e.target()).isEqualTo(lead.leadId().toString());
        });
    }

    @Test
    void aFormWithoutAReasonOrAPartnerIsRefusedOnThePageAndNothingIsSent() {
        LeadReceived lead = lead();
        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        int before = router.requests().size();

        HttpResponse<String> noReason = operator.postForm("/queue", "/queue/" + lead.leadId() + "/assignment",
                "partnerId=" + UUID.randomUUID() + "&reason=+++");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"problem\"", "Give a reason to assign lead " + lead.leadId());
        HttpResponse<String> badPartner = operator.postForm("/queue", "/queue/" + lead.leadId() + "/assignment",
                "partnerId=not-a-partner&reason=because");
        assertThat(badPartner.statusCode()).isEqualTo(400);
        assertThat(badPartner.body()).contains("Give a partner id");
        assertThat(operator.get("/queue?lang=fr").body()).contains("Demandes sans partenaire");
        assertThat(router.requests()).hasSize(before);
    }

    @Test
    void aViewerSeesTheQueueWithoutFormsAndCannotAct() {
        LeadReceived lead = lead();
        publishUnroutable(lead, List.of(new PassedOver(UUID.randomUUID(), "Rhône Data", "capacity: holds 5 of 5 open leads")));
        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> row(viewer.get("/queue").body(), lead.leadId()) != null);
        int before = router.requests().size();

        assertThat(row(viewer.get("/queue").body(), lead.leadId())).contains("Rhône Data").doesNotContain("<form", "assign-button");
        HttpResponse<String> refused = viewer.postForm("/leads", "/queue/" + lead.leadId() + "/assignment",
                "partnerId=" + UUID.randomUUID() + "&reason=because");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(router.requests()).hasSize(before);
    }

    private void publishUnroutable(LeadReceived lead, List<PassedOver> passedOver) {
        kafka.publish(EventEnvelope.of(UUID.randomUUID(), "/leadrelay/tests", lead.receivedAt(), lead));
        kafka.publish(new LeadUnroutable(lead.leadId(), "none of the 2 candidate partners is eligible for postgresql in Lyon, FR",
                passedOver, lead.receivedAt().plusMillis(30), Map.of("capacity", 1, "language", 1), 0));
    }

    /** The queue's row of the lead, or null when it is not in the queue. */
    private static String row(String page, UUID leadId) {
        int at = page.indexOf("data-lead=\"" + leadId + "\"");
        if (at < 0) {
            return null;
        }
        int start = page.lastIndexOf("<tr", at);
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static String notice(String page) {
        int start = page.indexOf("id=\"notice\"");
        assertThat(start).as("a #notice on the page").isPositive();
        assertThat(page.substring(page.lastIndexOf('<', start), start)).contains("<p");
        return page.substring(start, page.indexOf("</p>", start));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static LeadReceived lead() {
        UUID leadId = UUID.randomUUID();
        return new LeadReceived(leadId, LeadKeyServer.seal(leadId, new Contact("Queue Person", "queue.person@example.org", null, null), null),
                new Need(List.of("postgresql"), List.of("migration"), null), new Location("FR", null, "Lyon", null, null), "fr", 40,
                new Consent("partner-contact-v1", Instant.now()), "website-form", Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** lead-router's operator API as the console sees it: records what it is sent, answers what it is told. */
    static final class RouterStandIn {

        record Request(String method, String path, String body, String authorization) {
        }

        private final HttpServer server;
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private volatile int status = 200;
        private volatile String answer = "{}";

        private RouterStandIn(HttpServer server) {
            this.server = server;
        }

        static RouterStandIn start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                RouterStandIn standIn = new RouterStandIn(server);
                server.createContext("/", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    standIn.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
                            exchange.getRequestHeaders().getFirst("Authorization")));
                    byte[] answer = standIn.answer.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type",
                            standIn.status >= 400 ? "application/problem+json" : "application/json");
                    exchange.sendResponseHeaders(standIn.status, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                server.start();
                return standIn;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void answer(int status, String json) {
            this.status = status;
            this.answer = json;
        }

        List<Request> requests() {
            return requests;
        }

        Request last() {
            return requests.get(requests.size() - 1);
        }

        void stop() {
            server.stop(0);
        }
    }
}

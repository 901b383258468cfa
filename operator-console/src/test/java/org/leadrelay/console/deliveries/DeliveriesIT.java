package org.leadrelay.console.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.console.ConsoleApplication;
import org.leadrelay.console.audit.AuditEntry;
import org.leadrelay.console.audit.AuditTrail;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.ConsoleBrowser;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@WithInfrastructure
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + ConsoleApplication.CONFIG_NAME, LeadKeyServer.CONSOLE_URL, LeadKeyServer.CONSOLE_USERNAME,
                LeadKeyServer.CONSOLE_PASSWORD})
class DeliveriesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final UUID GONE = UUID.randomUUID();
    private static final UUID NOT_DISABLED = UUID.randomUUID();
    /** The requests notification-service's stand-in received: method, path, Authorization header. */
    private static final Queue<String> REQUESTS = new ConcurrentLinkedQueue<>();
    private static HttpServer notificationService;
    private static TopicProbe kafka;

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @DynamicPropertySource
    static void notificationService(DynamicPropertyRegistry registry) throws IOException {
        notificationService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notificationService.createContext("/api/disabled-endpoints", DeliveriesIT::answer);
        notificationService.start();
        registry.add("leadrelay.console.services.notification.url",
                () -> "http://127.0.0.1:" + notificationService.getAddress().getPort());
    }

    @BeforeAll
    static void probe() {
        kafka = TopicProbe.on(Topics.NOTIFICATIONS);
    }

    @AfterAll
    static void stop() {
        kafka.close();
        notificationService.stop(0);
    }

    /** notification-service's operator API as far as the page uses it: two disabled endpoints, one of which it will not enable. */
    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        REQUESTS.add(exchange.getRequestMethod() + " " + path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        if (exchange.getRequestMethod().equals("GET") && path.equals("/api/disabled-endpoints")) {
            respond(exchange, 200, "application/json", "[{\"partnerId\":\"" + GONE + "\",\"origin\":\"https://gone.example\","
                    + "\"reason\":\"webhook: HTTP 410 Gone\",\"disabledAt\":\"2026-12-01T10:00:00Z\"},"
                    + "{\"partnerId\":\"" + NOT_DISABLED + "\",\"origin\":\"https://back.example\","
                    + "\"reason\":\"webhook: HTTP 410 Gone\",\"disabledAt\":\"2026-12-01T09:00:00Z\"}]");
        } else if (exchange.getRequestMethod().equals("DELETE") && path.equals("/api/disabled-endpoints/" + GONE)) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            respond(exchange, 404, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                    + "\"detail\":\"partner " + NOT_DISABLED + " endpoint is not disabled\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void a_partner_whose_deliveries_fail_shows_as_failing_and_retrying_until_its_retry_is_given_up_then_delivered() {
        UUID partner = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        Instant at = Instant.now();
        kafka.publish(new NotificationFailed(lead, assignment, partner, Channel.WEBHOOK, 1, "webhook: HTTP 503", true, at));
        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");

        Awaitility.await().atMost(WAIT).until(() -> row(viewer.get("/deliveries").body(), "retrying", partner).contains("webhook: HTTP 503"));
        String page = viewer.get("/deliveries").body();
        assertThat(row(page, "failing", partner)).contains("webhook: HTTP 503", ">1<");
        assertThat(row(page, "retrying", partner)).contains(lead.toString().substring(0, 8), ">1<");

        kafka.publish(new NotificationFailed(lead, assignment, partner, Channel.WEBHOOK, 2, "webhook: HTTP 500", false, at.plusSeconds(1)));
        Awaitility.await().atMost(WAIT).until(() -> row(viewer.get("/deliveries").body(), "retrying", partner).isEmpty());
        assertThat(row(viewer.get("/deliveries").body(), "failing", partner)).contains("webhook: HTTP 500", ">2<");

        kafka.publish(new NotificationDelivered(UUID.randomUUID(), UUID.randomUUID(), partner, Channel.WEBHOOK, 1, at.plusSeconds(2)));
        Awaitility.await().atMost(WAIT).until(() -> row(viewer.get("/deliveries").body(), "failing", partner).isEmpty());
    }

    @Test
    void an_operator_enables_a_disabled_endpoint_through_notification_service_and_a_refusal_shows_its_detail() {
        ConsoleBrowser viewer = ConsoleBrowser.signIn(base(), "viewer", "local-viewer-password");
        String seen = viewer.get("/deliveries").body();
        assertThat(row(seen, "disabled", GONE)).contains("https://gone.example", "webhook: HTTP 410 Gone");
        assertThat(row(seen, "disabled", NOT_DISABLED)).contains("https://back.example");
        assertThat(seen).doesNotContain("/deliveries/disabled/" + GONE + "/enable");
        REQUESTS.clear();
        assertThat(viewer.postForm("/deliveries", "/deliveries/disabled/" + GONE + "/enable", "reason=viewers+may+not").statusCode())
                .isEqualTo(403);
        assertThat(REQUESTS).noneMatch(request -> request.startsWith("DELETE"));

        ConsoleBrowser operator = ConsoleBrowser.signIn(base(), "operator", "local-operator-password");
        var enabled = operator.postForm("/deliveries", "/deliveries/disabled/" + GONE + "/enable", "reason=partner+fixed+its+endpoint");
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(ConsoleBrowser.notice(enabled.body())).contains("enabled again", GONE.toString());
        String basic = "Basic " + Base64.getEncoder().encodeToString("operator:local-operator-password".getBytes(StandardCharsets.UTF_8));
        assertThat(REQUESTS).contains("DELETE /api/disabled-endpoints/" + GONE + " " + basic);

        var refused = operator.postForm("/deliveries", "/deliveries/disabled/" + NOT_DISABLED + "/enable", "reason=try+it");
        assertThat(ConsoleBrowser.notice(refused.body())).contains("did not enable", "404", "endpoint is not disabled");

        var noReason = operator.postForm("/deliveries", "/deliveries/disabled/" + GONE + "/enable", "reason=");
        assertThat(ConsoleBrowser.notice(noReason.body())).contains("give a reason");
        assertThat(REQUESTS.stream().filter(request -> request.startsWith("DELETE")).count()).isEqualTo(2);

        List<AuditEntry> entries = audit.latest(50).stream().filter(entry -> entry.action().equals(EnablingEndpoints.ENABLED)).toList();
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.target()).isEqualTo(GONE.toString());
            assertThat(entry.who()).isEqualTo("operator");
            assertThat(entry.detail()).isEqualTo("partner fixed its endpoint");
            assertThat(entry.outcome()).isEqualTo("done");
        });
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.target()).isEqualTo(NOT_DISABLED.toString());
            assertThat(entry.outcome()).startsWith("refused: 404").contains("endpoint is not disabled");
        });
    }

    /** The row of that partner in the table with that id, or "" when the table or the row is not there. */
    private static String row(String body, String table, UUID partner) {
        int start = body.indexOf("<table id=\"" + table + "\"");
        if (start < 0) {
            return "";
        }
        String rows = body.substring(start, body.indexOf("</table>", start));
        int at = rows.indexOf("data-partner=\"" + partner + "\"");
        return at < 0 ? "" : rows.substring(at, rows.indexOf("</tr>", at));
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }
}

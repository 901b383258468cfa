package org.leadrelay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoPartnerTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("demo-partner-test-secret-0123456".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private DemoPartner partner;
    private HttpServer router;
    private int port;

    @AfterEach
    void stop() {
        if (partner != null) {
            partner.close();
        }
        if (router != null) {
            router.stop(0);
        }
    }

    @Test
    void acceptsAVerifiedWebhookRefusesATamperedOneAndKeepsTheLastOnes() throws Exception {
        start(DemoPartner.Mode.SILENT);
        String leadId = UUID.randomUUID().toString();

        assertThat(post("p1", payload(leadId, null), false)).isEqualTo(204);
        assertThat(post("p1", payload(UUID.randomUUID().toString(), null), true)).isEqualTo(401);
        assertThat(post("unknown", payload(UUID.randomUUID().toString(), null), false)).isEqualTo(401);

        List<DemoPartner.Received> received = partner.received();
        assertThat(received).hasSize(3);
        assertThat(received.get(2).leadId()).isEqualTo(leadId);
        assertThat(received.get(2).verified()).isTrue();
        assertThat(received.get(1).problem()).startsWith("signature rejected");
        assertThat(received.get(0).problem()).isEqualTo("no secret known for partner unknown");

        for (int i = 0; i < DemoPartner.KEPT; i++) {
            post("p1", payload(UUID.randomUUID().toString(), null), false);
        }
        assertThat(partner.received()).hasSize(DemoPartner.KEPT).noneMatch(webhook -> leadId.equals(webhook.leadId()));
    }

    @Test
    void answersEachOfferThroughItsAnswerUrlASecondLater() throws Exception {
        List<String> answers = new CopyOnWriteArrayList<>();
        router = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        router.createContext("/api/answers/", exchange -> {
            answers.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        router.start();
        start(DemoPartner.Mode.ACCEPT);
        String answerUrl = "http://127.0.0.1:" + router.getAddress().getPort() + "/api/answers/";

        for (int i = 0; i < 20; i++) {
            post("p" + i, payload(UUID.randomUUID().toString(), answerUrl + i), false);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 20);
        assertThat(answers).allMatch(body -> body.contains("ACCEPT"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> partner.received().stream().allMatch(webhook -> "accepted (HTTP 200)".equals(webhook.answer())));
    }

    private void start(DemoPartner.Mode mode) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> secrets = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            secrets.put("p" + i, SECRET);
        }
        partner = DemoPartner.start(port, secrets, mode);
    }

    private int post(String slug, String body, boolean tampered) throws Exception {
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        String signature = new Webhook(SECRET).sign(id, timestamp, body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + DemoPartner.PATH + slug))
                .header("webhook-id", id).header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(tampered ? body.replace("lead.offered", "lead.accepted") : body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String payload(String leadId, String answerUrl) {
        return "{\"type\":\"lead.offered\",\"leadId\":\"" + leadId + "\"" + (answerUrl == null ? "" : ",\"answerUrl\":\"" + answerUrl + "\"")
                + "}";
    }
}

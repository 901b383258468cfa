package org.leadrelay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoPartnerTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("demo-partner-test-secret-0123456".getBytes(StandardCharsets.UTF_8));
    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString("someone-else-entirely-0123456789".getBytes(StandardCharsets.UTF_8));
    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");
    private static final long TOLERANCE = WebhookCheck.TOLERANCE.toSeconds();
    /** Lead Relay's last retry of a message: its delays add up to 27 h 35 min 05 s, 20 % more at most. */
    private static final Duration LAST_RESEND = Duration.ofHours(33).plusMinutes(6).plusSeconds(6);

    /** Issue 17 S2's figures, over this class's S2 cases. */
    private static int sent;
    private static int refusedForTheirTimestamp;
    private static int repeatsAcknowledged;
    private static int offersRepeated;
    private static int offersAnsweredOnce;
    private static int tamperedRefused;

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestClock clock = new TestClock(START);
    /** The answer URLs the demo partner posted an answer to, one entry per answer. */
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final List<String> answerBodies = new CopyOnWriteArrayList<>();
    private DemoPartner partner;
    private HttpServer router;
    private int port;
    /** Whether this test's webhooks count in the S2 line. */
    private boolean s2Case;

    @AfterEach
    void stop() {
        if (partner != null) {
            partner.close();
        }
        if (router != null) {
            router.stop(0);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("S2: " + sent + " webhooks sent to the demo partner over loopback; " + refusedForTheirTimestamp
                + " well-signed ones refused 401 for a timestamp beyond " + TOLERANCE + " s (past and future, 301 s to 30 days); "
                + repeatsAcknowledged + " repeats of a taken webhook-id acknowledged 204 (exact, concurrent, re-signed up to "
                + LAST_RESEND.toHours() + " h " + LAST_RESEND.toMinutesPart() + " min later) and not acted on; offers received repeatedly "
                + offersRepeated + ", answered exactly once at the router " + offersAnsweredOnce + "; " + tamperedRefused
                + " tampered ones refused 401");
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
        startRouter();
        start(DemoPartner.Mode.ACCEPT);

        for (int i = 0; i < 20; i++) {
            post("p" + i, payload(UUID.randomUUID().toString(), answerUrl("offer-" + i)), false);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 20);
        assertThat(answerBodies).allMatch(body -> body.contains("ACCEPT"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> partner.received().stream().allMatch(webhook -> "accepted (HTTP 200)".equals(webhook.answer())));
    }

    @Test
    void takesAWebhookSignedUnderTwoSecretsDuringARotationWhenOneIsThePartners() {
        start(DemoPartner.Mode.SILENT);
        Signed genuine = signed("p6", payload(UUID.randomUUID().toString(), null), START.getEpochSecond());
        String others = genuine.signedWith(OTHER_SECRET).signature();

        assertThat(send(genuine.withSignature(others + " " + genuine.signature()))).isEqualTo(204);
        assertThat(send(genuine.withSignature(others + " " + others))).isEqualTo(401);
    }

    @Test
    void refusesAWellSignedWebhookWhoseTimestampIsMoreThanFiveMinutesFromItsClockEitherWay() throws Exception {
        s2Case = true;
        startRouter();
        start(DemoPartner.Mode.ACCEPT);
        long now = START.getEpochSecond();
        List<Signed> outside = new ArrayList<>();
        for (long offset : new long[] {TOLERANCE + 1, -(TOLERANCE + 1), 3600, -3600, Duration.ofDays(30).toSeconds()}) {
            outside.add(signed("p1", offer("outside" + offset), now + offset));
        }
        Signed latestTolerated = signed("p2", offer("ahead"), now + TOLERANCE);
        Signed oldestTolerated = signed("p2", offer("behind"), now - TOLERANCE);

        for (Signed webhook : outside) {
            assertThat(send(webhook)).isEqualTo(401);
        }
        assertThat(send(latestTolerated)).isEqualTo(204);
        assertThat(send(oldestTolerated)).isEqualTo(204);
        // a refused id is not remembered: the same message, sent and signed now, is taken
        Signed resentNow = outside.get(0).signedAt(now);
        assertThat(send(resentNow)).isEqualTo(204);

        List<DemoPartner.Received> refused = partner.received().stream().filter(webhook -> !webhook.verified()).toList();
        assertThat(refused).hasSize(outside.size()).allSatisfy(webhook -> assertThat(webhook.problem()).startsWith("timestamp refused"));
        assertThat(refused.stream().filter(webhook -> webhook.problem().contains("after this partner's clock"))).hasSize(3);
        assertThat(refused.stream().filter(webhook -> webhook.problem().contains("before this partner's clock"))).hasSize(2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(8))
                .until(() -> answered.size() == 3);
        assertThat(answered).containsExactlyInAnyOrder(answerUrl("ahead"), answerUrl("behind"), answerUrl("outside" + (TOLERANCE + 1)));
        refusedForTheirTimestamp += outside.size();
    }

    @Test
    void acknowledgesEveryRepeatOfAWebhookIdWith204ButAnswersTheOfferOnce() throws Exception {
        s2Case = true;
        startRouter();
        start(DemoPartner.Mode.ACCEPT);
        Signed original = signed("p3", offer("once"), START.getEpochSecond());
        Signed resentOnlyOnceMore = signed("p3", offer("once-more"), START.getEpochSecond());

        assertThat(send(original)).isEqualTo(204);
        assertThat(send(resentOnlyOnceMore)).isEqualTo(204);
        assertThat(send(original)).as("an exact replay").isEqualTo(204);
        List<CompletableFuture<Integer>> together = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            together.add(sendAsync(original));
        }
        assertThat(together).allSatisfy(status -> assertThat(status.join()).as("a replay among simultaneous ones").isEqualTo(204));
        clock.advance(Duration.ofSeconds(5));
        assertThat(send(original.signedAt(clock.instant().getEpochSecond()))).as("Lead Relay's first resend").isEqualTo(204);
        clock.set(START.plus(Duration.ofMinutes(6)));
        assertThat(send(original)).as("an exact replay, now older than the tolerance").isEqualTo(401);
        assertThat(send(original.signedAt(clock.instant().getEpochSecond()))).as("a resend after the tolerance").isEqualTo(204);
        clock.set(START.plus(LAST_RESEND));
        assertThat(send(original.signedAt(clock.instant().getEpochSecond()))).as("Lead Relay's last resend").isEqualTo(204);
        assertThat(send(resentOnlyOnceMore.signedAt(clock.instant().getEpochSecond())))
                .as("Lead Relay's last resend, the first since the original to arrive").isEqualTo(204);

        List<DemoPartner.Received> received = partner.received();
        assertThat(received).hasSize(12);
        assertThat(received.stream().filter(webhook -> webhook.verified() && !webhook.repeat()).map(DemoPartner.Received::messageId))
                .containsExactlyInAnyOrder(original.id(), resentOnlyOnceMore.id());
        List<DemoPartner.Received> repeats = received.stream().filter(DemoPartner.Received::repeat).toList();
        assertThat(repeats).hasSize(9).allMatch(webhook -> webhook.verified() && DemoPartner.REPEAT.equals(webhook.answer()));
        assertThat(repeats.stream().filter(webhook -> resentOnlyOnceMore.id().equals(webhook.messageId()))).hasSize(1);
        assertThat(received.stream().filter(webhook -> !webhook.verified()))
                .singleElement().satisfies(webhook -> assertThat(webhook.problem()).startsWith("timestamp refused"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(8)).until(() -> answered.size() == 2);
        assertThat(answered).containsExactlyInAnyOrder(answerUrl("once"), answerUrl("once-more"));
        assertThat(answerBodies).containsOnly("{\"answer\": \"ACCEPT\"}");
        repeatsAcknowledged += repeats.size();
        refusedForTheirTimestamp += 1;
        offersRepeated += 2;
        offersAnsweredOnce += (int) Stream.of("once", "once-more")
                .filter(offer -> Collections.frequency(answered, answerUrl(offer)) == 1).count();
    }

    @Test
    void remembersOnlyGenuineIdsAndForgetsThemWhenLeadRelaysResendsAreOver() throws Exception {
        s2Case = true;
        startRouter();
        start(DemoPartner.Mode.SILENT);
        long now = START.getEpochSecond();
        List<Signed> genuine = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            genuine.add(signed("p4", offer("kept-" + i), now - i));
        }

        for (Signed webhook : genuine) {
            assertThat(send(webhook)).isEqualTo(204);
            for (int i = 0; i < 3; i++) {
                assertThat(send(webhook)).isEqualTo(204);
            }
        }
        for (int i = 0; i < 10; i++) {
            assertThat(send(signed("p4", offer("forged-" + i), now).signedWith(OTHER_SECRET))).isEqualTo(401);
            assertThat(send(signed("p4", offer("late-" + i), now - TOLERANCE - 1 - i))).isEqualTo(401);
        }
        assertThat(partner.rememberedIds()).isEqualTo(10);

        clock.set(START.plus(RememberedWebhookIds.KEPT).plusSeconds(1));
        assertThat(partner.rememberedIds()).isZero();
        assertThat(send(genuine.get(0))).as("a replay once its id is forgotten").isEqualTo(401);
        assertThat(partner.received().get(0).problem()).startsWith("timestamp refused");
        repeatsAcknowledged += genuine.size() * 3;
        refusedForTheirTimestamp += 11;
        tamperedRefused += 10;
    }

    @Test
    void refusesATamperedWebhookWhoseIdThenShadowsNothing() throws Exception {
        s2Case = true;
        startRouter();
        start(DemoPartner.Mode.ACCEPT);
        Signed genuine = signed("p5", offer("tampered"), START.getEpochSecond());
        List<Signed> tampered = List.of(
                genuine.withBody(genuine.body().replace("lead.offered", "lead.accepted")),
                genuine.withBody(genuine.body().replace(",", ", ")),
                genuine.signedWith(OTHER_SECRET),
                genuine.withSignature(genuine.signature().substring(0, 10) + (genuine.signature().charAt(10) == 'A' ? 'B' : 'A')
                        + genuine.signature().substring(11)),
                genuine.withSignature("v2," + genuine.signature().substring(3)),
                genuine.withTimestamp(genuine.timestamp() + 1),
                genuine.withId("msg_" + UUID.randomUUID()),
                genuine.withSignature(""));

        for (Signed webhook : tampered) {
            assertThat(send(webhook)).as(webhook.toString()).isEqualTo(401);
        }
        assertThat(send(genuine)).isEqualTo(204);
        assertThat(send(tampered.get(0))).as("a tampered copy of a taken webhook is no repeat").isEqualTo(401);

        List<DemoPartner.Received> received = partner.received();
        assertThat(received.stream().filter(webhook -> !webhook.verified()))
                .hasSize(tampered.size() + 1).allSatisfy(webhook -> assertThat(webhook.problem()).startsWith("signature rejected"));
        assertThat(received.stream().filter(webhook -> webhook.verified())).singleElement()
                .satisfies(webhook -> assertThat(webhook.repeat()).isFalse());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(8)).until(() -> answered.size() == 1);
        assertThat(answered).containsExactly(answerUrl("tampered"));
        tamperedRefused += tampered.size() + 1;
    }

    private void start(DemoPartner.Mode mode) {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> secrets = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            secrets.put("p" + i, SECRET);
        }
        partner = DemoPartner.start(port, secrets, mode, clock);
    }

    /** lead-router's answer API, as far as the demo partner sees it: it records each answer and says 200. */
    private void startRouter() throws IOException {
        router = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        router.createContext("/api/answers/", exchange -> {
            answerBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answered.add(answerUrl(exchange.getRequestURI().getPath().substring("/api/answers/".length())));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        router.start();
    }

    private String answerUrl(String offer) {
        return "http://127.0.0.1:" + router.getAddress().getPort() + "/api/answers/" + offer;
    }

    private int post(String slug, String body, boolean tampered) throws Exception {
        Signed webhook = signed(slug, body, clock.instant().getEpochSecond());
        return send(tampered ? webhook.withBody(body.replace("lead.offered", "lead.accepted")) : webhook);
    }

    /** An offer of a new lead, answered through {@code /api/answers/<name>} at the router. */
    private String offer(String name) {
        return payload(UUID.randomUUID().toString(), answerUrl(name));
    }

    private int send(Signed webhook) {
        return sendAsync(webhook).join();
    }

    private CompletableFuture<Integer> sendAsync(Signed webhook) {
        if (s2Case) {
            sent++;
        }
        return http.sendAsync(webhook.request(port), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    private Signed signed(String slug, String body, long timestamp) {
        return new Signed(slug, "msg_" + UUID.randomUUID().toString().replace("-", ""), timestamp, body, "").signedWith(SECRET);
    }

    private static String payload(String leadId, String answerUrl) {
        return "{\"type\":\"lead.offered\",\"leadId\":\"" + leadId + "\"" + (answerUrl == null ? "" : ",\"answerUrl\":\"" + answerUrl + "\"")
                + "}";
    }

    /** A webhook as Lead Relay sends it: headers signed the Standard Webhooks way, by the library a partner uses. */
    private record Signed(String slug, String id, long timestamp, String body, String signature) {

        Signed signedWith(String secret) {
            try {
                return withSignature(new Webhook(secret).sign(id, timestamp, body));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same message sent again at another time, re-signed: what only the sender can make. */
        Signed signedAt(long timestamp) {
            return withTimestamp(timestamp).signedWith(SECRET);
        }

        Signed withBody(String body) {
            return new Signed(slug, id, timestamp, body, signature);
        }

        Signed withSignature(String signature) {
            return new Signed(slug, id, timestamp, body, signature);
        }

        Signed withTimestamp(long timestamp) {
            return new Signed(slug, id, timestamp, body, signature);
        }

        Signed withId(String id) {
            return new Signed(slug, id, timestamp, body, signature);
        }

        HttpRequest request(int port) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + DemoPartner.PATH + slug))
                    .header("Content-Type", "application/json").header("webhook-id", id)
                    .header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }
    }

    /** The demo partner's clock, moved by the test instead of waiting. */
    private static final class TestClock extends Clock {

        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

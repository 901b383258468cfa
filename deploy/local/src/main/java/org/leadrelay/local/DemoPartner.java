package org.leadrelay.local;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The seeded partners' webhook endpoint, and the receiver docs/webhooks.md points partners to:
 * receives each partner's webhooks at {@code /partners/<slug>} and shows them on a page (the newest
 * {@value #SHOWN}) and as JSON (the last {@value #KEPT} it keeps).
 *
 * <p>It does what docs/webhooks.md asks of a partner. It answers 401 to a webhook that is not
 * genuine ({@link WebhookCheck}: a signature that is not the partner's, or a timestamp more than
 * five minutes from its clock, either way, however well signed) and does nothing else with it. It
 * answers 204 to a genuine one, and acts on it only the first time its {@code webhook-id} comes
 * ({@link RememberedWebhookIds}): a webhook received again, as it was or signed afresh, is answered
 * 204 too, so the sender stops sending it, and shown as a repeat.
 *
 * <p>Acting on an offer is answering it, as the partner: accepting or declining the lead through
 * the webhook's answer URL a moment later, or staying silent, as configured
 * ({@code --demo-partner=accept|decline|silent}). Answers go out side by side, at most
 * {@value #ANSWERING} at a time, so a burst of webhooks is answered a second later, not one after
 * the other (docs/performance.md).
 */
final class DemoPartner implements AutoCloseable {

    static final String PATH = "/partners/";

    /** How the demo partner answers the leads offered to it. */
    enum Mode {
        ACCEPT,
        DECLINE,
        SILENT
    }

    static final int KEPT = 500;
    static final int SHOWN = 50;
    static final int ANSWERING = 16;
    static final String REPEAT = "none: a repeat of a webhook-id already taken";
    private static final Duration THINKING = Duration.ofSeconds(1);

    private final HttpServer web;
    private final Mode mode;
    private final Clock clock;
    private final WebhookCheck check;
    private final RememberedWebhookIds taken;
    /** By slug: made once per secret, not per webhook. */
    private final Map<String, Verifier> verifiers = new ConcurrentHashMap<>();
    private final Deque<Kept> newestFirst = new ArrayDeque<>();
    private final Semaphore answersUnderWay = new Semaphore(ANSWERING);
    private final ScheduledExecutorService answering = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-partner-answers");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
            .build();

    private DemoPartner(HttpServer web, Mode mode, Clock clock) {
        this.web = web;
        this.mode = mode;
        this.clock = clock;
        this.check = new WebhookCheck(clock);
        this.taken = new RememberedWebhookIds(RememberedWebhookIds.KEPT, clock);
    }

    static DemoPartner start(int port, Map<String, String> secretsBySlug, Mode mode) {
        return start(port, secretsBySlug, mode, Clock.systemUTC());
    }

    static DemoPartner start(int port, Map<String, String> secretsBySlug, Mode mode, Clock clock) {
        DemoPartner partner = new DemoPartner(WebPages.server(port), mode, clock);
        secretsBySlug.forEach(partner::knowSecret);
        partner.web.createContext(PATH, partner::receive);
        partner.web.createContext("/api/webhooks", exchange -> WebPages.json(exchange, 200, partner.received()));
        partner.web.createContext("/", exchange -> WebPages.html(exchange, "Lead Relay demo partner", partner.page()));
        partner.web.start();
        return partner;
    }

    /** Learns the secret a partner was given at registration. */
    void knowSecret(String slug, String secret) {
        Verifier verifier;
        try {
            verifier = new Verifier(new Webhook(secret), null);
        } catch (EmptyWebhookSecretException | RuntimeException e) {
            verifier = new Verifier(null, "unverifiable: " + e.getMessage());
        }
        verifiers.put(slug, verifier);
    }

    /** The webhooks kept, newest first, each with the partner's answer so far. */
    List<Received> received() {
        return kept(KEPT);
    }

    /** How many webhook-ids are remembered to catch repeats. */
    long rememberedIds() {
        return taken.size();
    }

    private List<Received> kept(int limit) {
        synchronized (newestFirst) {
            return newestFirst.stream().limit(limit).map(kept -> kept.webhook.withAnswer(kept.answer)).toList();
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            WebPages.send(exchange, 405, "text/plain", new byte[0]);
            return;
        }
        String slug = exchange.getRequestURI().getPath().substring(PATH.length());
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        WebhookCheck.Verdict verdict = verify(slug, body, headers);
        boolean repeat = verdict.genuine() && !taken.firstSighting(slug, verdict.messageId(), verdict.signedAt());
        JsonNode payload = WebPages.JSON.readTree(body);
        Kept kept = new Kept(new Received(slug, WebhookCheck.first(headers, "webhook-id"), verdict.genuine(), verdict.problem(), repeat,
                text(payload, "leadId"), text(payload, "type"), clock.instant(), null, payload));
        if (repeat) {
            kept.answer = REPEAT;
        }
        synchronized (newestFirst) {
            newestFirst.addFirst(kept);
            while (newestFirst.size() > KEPT) {
                newestFirst.removeLast();
            }
        }
        WebPages.send(exchange, verdict.genuine() ? 204 : 401, "text/plain", new byte[0]);
        String answerUrl = text(payload, "answerUrl");
        if (verdict.genuine() && !repeat && mode != Mode.SILENT && answerUrl != null) {
            answering.schedule(() -> answer(kept, URI.create(answerUrl)), THINKING.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends the answer and returns: its outcome is recorded when it comes, while the next answers go out. */
    private void answer(Kept kept, URI answerUrl) {
        String body = mode == Mode.ACCEPT ? "{\"answer\": \"ACCEPT\"}"
                : "{\"answer\": \"DECLINE\", \"reason\": \"demo partner declines every lead\"}";
        try {
            answersUnderWay.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        http.sendAsync(HttpRequest.newBuilder(answerUrl).header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    answersUnderWay.release();
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    kept.answer = cause == null ? (mode == Mode.ACCEPT ? "accepted" : "declined") + " (HTTP " + response.statusCode() + ")"
                            : "answer failed: " + cause.getMessage();
                });
    }

    private WebhookCheck.Verdict verify(String slug, String body, Map<String, List<String>> headers) {
        Verifier verifier = verifiers.get(slug);
        if (verifier == null) {
            return WebhookCheck.Verdict.refused("no secret known for partner " + slug);
        }
        if (verifier.problem() != null) {
            return WebhookCheck.Verdict.refused(verifier.problem());
        }
        return check.check(verifier.webhook(), body, headers);
    }

    private String page() {
        List<Received> webhooks = kept(SHOWN);
        if (webhooks.isEmpty()) {
            return "<p>No webhook yet. Post a lead (<code>./leadrelay demo</code>) and this page refreshes itself.</p>";
        }
        return "<p>The newest " + webhooks.size() + " webhooks (the last " + KEPT
                + " in JSON: <a href=\"/api/webhooks\">/api/webhooks</a>).</p><table>"
                + "<tr><th>received</th><th>partner</th><th>webhook-id</th><th>check</th><th>lead</th><th>answer</th><th>payload</th></tr>"
                + webhooks.stream().map(webhook -> "<tr><td>" + webhook.receivedAt() + "</td><td>" + WebPages.escape(webhook.partner())
                        + "</td><td>" + WebPages.escape(webhook.messageId())
                        + "</td><td class=\"" + (webhook.verified() ? "ok\">verified" + (webhook.repeat() ? ", a repeat" : "")
                                : "bad\">" + WebPages.escape(webhook.problem()))
                        + "</td><td>" + WebPages.escape(webhook.leadId()) + "</td><td>"
                        + WebPages.escape(webhook.answer() == null ? (mode == Mode.SILENT ? "silent" : "thinking") : webhook.answer())
                        + "</td><td><pre>"
                        + WebPages.escape(webhook.payload().toPrettyString()) + "</pre></td></tr>").collect(Collectors.joining())
                + "</table>";
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null ? null : value.asString();
    }

    @Override
    public void close() {
        answering.shutdownNow();
        web.stop(0);
    }

    /** A partner's signature check, or why its secret cannot check anything. */
    private record Verifier(Webhook webhook, String problem) {
    }

    /** A webhook kept for the page, and the partner's answer once it has one. */
    private static final class Kept {

        final Received webhook;
        volatile String answer;

        Kept(Received webhook) {
            this.webhook = webhook;
        }
    }

    /**
     * One webhook as the partner received it.
     *
     * @param messageId its {@code webhook-id} header
     * @param verified  whether it was genuine: signed by the partner's secret, within the timestamp tolerance
     * @param problem   why it was refused, when it was not genuine
     * @param repeat    whether its webhook-id had been taken before, so it was acknowledged and not acted on
     * @param answer    how the demo partner answered the lead, once it has
     */
    record Received(String partner, String messageId, boolean verified, String problem, boolean repeat, String leadId, String type,
            Instant receivedAt, String answer, JsonNode payload) {

        Received withAnswer(String answer) {
            return new Received(partner, messageId, verified, problem, repeat, leadId, type, receivedAt, answer, payload);
        }
    }
}

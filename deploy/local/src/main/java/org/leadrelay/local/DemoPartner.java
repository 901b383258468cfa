package org.leadrelay.local;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The seeded partners' webhook endpoint: receives each partner's webhooks at
 * {@code /partners/<slug>}, verifies their Standard Webhooks signature with the secret the partner
 * was given at registration, and shows them on a page (the newest {@value #SHOWN}) and as JSON (the
 * last {@value #KEPT} it keeps). It answers 2xx to a verified webhook and 401 to one whose
 * signature fails, as a careful partner would. Then, as the partner, it accepts or declines the
 * lead through the webhook's answer URL a moment later, or stays silent, as configured
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
    private static final Duration THINKING = Duration.ofSeconds(1);

    private final HttpServer web;
    private final Mode mode;
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

    private DemoPartner(HttpServer web, Mode mode) {
        this.web = web;
        this.mode = mode;
    }

    static DemoPartner start(int port, Map<String, String> secretsBySlug, Mode mode) {
        DemoPartner partner = new DemoPartner(WebPages.server(port), mode);
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
        String problem = verify(slug, body, headers);
        JsonNode payload = WebPages.JSON.readTree(body);
        Kept kept = new Kept(new Received(slug, problem == null, problem, text(payload, "leadId"), text(payload, "type"),
                Instant.now(), null, payload));
        synchronized (newestFirst) {
            newestFirst.addFirst(kept);
            while (newestFirst.size() > KEPT) {
                newestFirst.removeLast();
            }
        }
        WebPages.send(exchange, problem == null ? 204 : 401, "text/plain", new byte[0]);
        String answerUrl = text(payload, "answerUrl");
        if (problem == null && mode != Mode.SILENT && answerUrl != null) {
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

    private String verify(String slug, String body, Map<String, List<String>> headers) {
        Verifier verifier = verifiers.get(slug);
        if (verifier == null) {
            return "no secret known for partner " + slug;
        }
        if (verifier.problem() != null) {
            return verifier.problem();
        }
        try {
            verifier.webhook().verify(body, headers);
            return null;
        } catch (WebhookVerificationException e) {
            return "signature rejected: " + e.getMessage();
        } catch (Exception e) {
            return "unverifiable: " + e.getMessage();
        }
    }

    private String page() {
        List<Received> webhooks = kept(SHOWN);
        if (webhooks.isEmpty()) {
            return "<p>No webhook yet. Post a lead (<code>./leadrelay demo</code>) and this page refreshes itself.</p>";
        }
        return "<p>The newest " + webhooks.size() + " webhooks (the last " + KEPT
                + " in JSON: <a href=\"/api/webhooks\">/api/webhooks</a>).</p><table>"
                + "<tr><th>received</th><th>partner</th><th>signature</th><th>lead</th><th>answer</th><th>payload</th></tr>"
                + webhooks.stream().map(webhook -> "<tr><td>" + webhook.receivedAt() + "</td><td>" + WebPages.escape(webhook.partner())
                        + "</td><td class=\"" + (webhook.verified() ? "ok\">verified" : "bad\">" + WebPages.escape(webhook.problem()))
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
     * @param answer how the demo partner answered the lead, once it has
     */
    record Received(String partner, boolean verified, String problem, String leadId, String type, Instant receivedAt,
            String answer, JsonNode payload) {

        Received withAnswer(String answer) {
            return new Received(partner, verified, problem, leadId, type, receivedAt, answer, payload);
        }
    }
}

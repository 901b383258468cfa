package org.leadrelay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The partners the bench's leads go to, registered through partner-directory's operator API like
 * any partner, each with a webhook to the bench's endpoint and a product of its own that nobody
 * else offers. Leads are dealt to them in groups of {@link #GROUP}, round robin within a group, so
 * each partner gets exactly its capacity of leads and its webhooks and counters stay as small as a
 * real partner's: one partner holding every lead would make the router's capacity counter (one
 * document listing every open offer) the thing measured. Offers are never answered, so the answer
 * deadline is the longest the directory allows (30 days): no offer expires and moves on during a run.
 */
final class BenchPartners {

    static final int GROUP = 10;
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:local-operator-password".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StackTarget stack;
    private final String run;
    private final int capacity;
    private final IntFunction<URI> webhookUrl;
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private int groups;
    private volatile long covered;

    BenchPartners(StackTarget stack, String run, int capacity, IntFunction<URI> webhookUrl) {
        this.stack = stack;
        this.run = run;
        this.capacity = capacity;
        this.webhookUrl = webhookUrl;
    }

    /** The partner lead {@code lead} goes to: a group's worth of leads fills its ten partners to capacity. */
    static int partnerFor(long lead, int capacity) {
        long block = lead / ((long) GROUP * capacity);
        return Math.toIntExact(block * GROUP + lead % GROUP);
    }

    /** How many groups leads {@code 0 .. leads-1} need. */
    static int groupsFor(long leads, int capacity) {
        return Math.toIntExact((leads + (long) GROUP * capacity - 1) / ((long) GROUP * capacity));
    }

    String productFor(long lead) {
        return product(partnerFor(lead, capacity));
    }

    private String product(int partner) {
        return "lrbench-" + run + "-" + partner;
    }

    int registered() {
        return ids.size();
    }

    /** Registers partners until leads {@code 0 .. leads-1} all have one. */
    void ensureFor(long leads) {
        if (leads <= covered) {
            return;
        }
        synchronized (this) {
            while (groups < groupsFor(leads, capacity)) {
                for (int member = 0; member < GROUP; member++) {
                    register(groups * GROUP + member);
                }
                groups++;
                covered = (long) groups * GROUP * capacity;
            }
        }
    }

    /**
     * Keeps a group of partners registered ahead of the leads being posted, in the background, so a
     * partner is in the router's replica well before its first lead and the sender rarely waits.
     */
    void keepAhead(LongSupplier nextLead) {
        Thread keeper = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    ensureFor(nextLead.getAsLong() + (long) GROUP * capacity);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.err.println("bench: registering partners ahead failed: " + e.getMessage());
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }, "bench-partners-ahead");
        keeper.setDaemon(true);
        keeper.start();
    }

    /** Waits until lead-router's copy holds every partner registered so far, so the first leads find them. */
    void awaitKnownToRouter(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode loads = send(HttpRequest.newBuilder(stack.routerLoads()).header("Authorization", OPERATOR).GET().build(), 200);
            Set<String> known = new HashSet<>();
            loads.forEach(partner -> known.add(partner.get("partnerId").asString()));
            if (known.containsAll(ids)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("lead-router does not know the bench's partners after " + timeout.toSeconds()
                        + " s: is it consuming partners.v1?");
            }
            sleep(200);
        }
    }

    private void register(int partner) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "Bench " + run + " partner " + partner);
        body.put("tier", "GOLD");
        body.putArray("countries").add("FR");
        body.putArray("specialities").add(product(partner));
        body.putArray("languages").add("fr").add("en");
        body.put("capacity", capacity);
        body.put("answerDeadline", "P30D");
        body.put("notificationEmail", "partner-" + run + "-" + partner + "@bench-partners.example");
        body.put("webhookUrl", webhookUrl.apply(partner).toString());
        JsonNode registered = send(HttpRequest.newBuilder(stack.partners()).header("Content-Type", "application/json")
                .header("Authorization", OPERATOR).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), 201);
        ids.add(registered.get("partner").get("id").asString());
    }

    private JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered HTTP " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}

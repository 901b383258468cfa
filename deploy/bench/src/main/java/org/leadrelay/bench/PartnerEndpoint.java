package org.leadrelay.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bench partners' webhook receiver, on loopback in the bench's own process (the local stack
 * allows webhooks to 127.0.0.1). It notes when each offer arrives, by the leadId in its body, and
 * answers 204 at once. Signatures are not checked: the demo partner and the tests do that, and the
 * receiver's cost is not what is measured.
 */
final class PartnerEndpoint implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicLong offers = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile Map<String, Long> arrivals = new ConcurrentHashMap<>();

    private PartnerEndpoint(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    static PartnerEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            ExecutorService workers = Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "bench-partner-endpoint");
                thread.setDaemon(true);
                return thread;
            });
            PartnerEndpoint endpoint = new PartnerEndpoint(server, workers);
            server.createContext("/webhooks/", endpoint::receive);
            server.setExecutor(workers);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the bench's webhook endpoint: " + e.getMessage(), e);
        }
    }

    URI webhookUrl(int partner) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/" + partner);
    }

    /** From now on, offers arrive in a new map (leadId to arrival, nanoTime); earlier ones are left behind. */
    Map<String, Long> startRecording() {
        Map<String, Long> fresh = new ConcurrentHashMap<>();
        arrivals = fresh;
        return fresh;
    }

    long offers() {
        return offers.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    private void receive(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String leadId = offeredLead(body.readAllBytes());
            if (leadId != null) {
                arrivals.putIfAbsent(leadId, arrived);
                offers.incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private String offeredLead(byte[] body) {
        try {
            JsonNode webhook = JSON.readTree(body);
            JsonNode type = webhook.get("type");
            JsonNode leadId = webhook.get("leadId");
            if (type != null && "lead.offered".equals(type.asString()) && leadId != null) {
                return leadId.asString();
            }
            return null;
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}

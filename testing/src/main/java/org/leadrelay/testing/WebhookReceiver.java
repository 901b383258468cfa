package org.leadrelay.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A partner's webhook endpoint, in-process on loopback: records every request and answers with
 * the status set for its path (200 unless told otherwise).
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                            .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
                    String path = exchange.getRequestURI().getPath();
                    receiver.received.add(new Received(path, headers, new String(body.readAllBytes(), StandardCharsets.UTF_8), System.nanoTime()));
                    exchange.sendResponseHeaders(receiver.statuses.getOrDefault(path, 200), -1);
                } finally {
                    exchange.close();
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the webhook receiver", e);
        }
    }

    /** The URL of a path on this receiver. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers requests to the path with this status from now on. */
    public void answer(String path, int status) {
        statuses.put(path, status);
    }

    public List<Received> received(Predicate<Received> matching) {
        return received.stream().filter(matching).toList();
    }

    /** Waits up to 30 seconds for a matching request. */
    public Received await(Predicate<Received> matching) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> received(matching), found -> !found.isEmpty()).get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * One request as received.
     *
     * @param headers       header names in lower case, as the Standard Webhooks verifier expects them
     * @param receivedNanos {@link System#nanoTime()} when the request was read, for latency runs
     */
    public record Received(String path, Map<String, List<String>> headers, String body, long receivedNanos) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}

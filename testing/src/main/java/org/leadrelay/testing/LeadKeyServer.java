package org.leadrelay.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.leadrelay.events.Contact;
import org.leadrelay.events.LeadKey;
import org.leadrelay.events.PersonalData;
import org.leadrelay.events.Sealed;

/**
 * lead-intake's key endpoint ({@code GET /api/keys/{leadId}}, ADR 0012) as a service's own tests
 * meet it, in-process on loopback, one per JVM: the tests seal their leads' personal data here,
 * and the service under test asks for the keys over HTTP with its key reader's credentials, as it
 * does in production; and it finds a person's leads by email ({@code POST /api/access}, the leads'
 * ids only), as the console's search asks. Erasing a lead here answers 410 from then on;
 * {@link #unavailable} makes it answer 503, as an intake that is down would. The system tests run
 * the real lead-intake instead.
 */
public final class LeadKeyServer {

    /** The key reader's account the services' tests configure. */
    public static final String USERNAME = "notification";
    public static final String PASSWORD = "test-key-reader-password";

    /** The system property holding this server's URL, for a test's {@code ${...}} placeholders. */
    public static final String URL_PROPERTY = "leadrelay.test.lead-key-server";
    /** The console's client of lead-intake pointed here, as {@code @SpringBootTest} properties. */
    public static final String CONSOLE_URL = "leadrelay.console.services.intake.url=${" + URL_PROPERTY + "}";
    public static final String CONSOLE_USERNAME = "leadrelay.console.services.intake.username=" + USERNAME;
    public static final String CONSOLE_PASSWORD = "leadrelay.console.services.intake.password=" + PASSWORD;

    private static final LeadKeyServer SHARED = start();

    private final HttpServer server;
    private final Map<UUID, LeadKey> keys = new ConcurrentHashMap<>();
    private final Set<UUID> erased = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<UUID>> byEmail = new ConcurrentHashMap<>();
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final AtomicInteger reads = new AtomicInteger();

    private LeadKeyServer(HttpServer server) {
        this.server = server;
    }

    /** The one key server of this JVM. */
    public static LeadKeyServer shared() {
        return SHARED;
    }

    /** Seals a lead's personal data under a new key of the lead's, which this server then serves. */
    public static Sealed seal(UUID leadId, Contact contact, String description) {
        LeadKey key = SHARED.keys.computeIfAbsent(leadId, id -> LeadKey.generate());
        SHARED.byEmail.computeIfAbsent(contact.email().toLowerCase(java.util.Locale.ROOT), email -> ConcurrentHashMap.newKeySet()).add(leadId);
        return key.seal(leadId, new PersonalData(contact, description));
    }

    /** Opens a lead's sealed data with the key this server holds for it. */
    public static PersonalData open(UUID leadId, Sealed sealed) {
        return SHARED.keys.get(leadId).open(leadId, sealed);
    }

    /** The lead is erased: its key is gone, and asked for, answers 410. */
    public void erase(UUID leadId) {
        keys.remove(leadId);
        erased.add(leadId);
        byEmail.values().forEach(leads -> leads.remove(leadId));
    }

    /** Whether every key request is answered 503, as by an intake that is down. */
    public void unavailable(boolean down) {
        unavailable.set(down);
    }

    /** How many keys were served so far. */
    public int reads() {
        return reads.get();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The properties a service's test sets to read keys here. */
    public String[] properties(String prefix) {
        return new String[] {prefix + ".url=" + url(), prefix + ".username=" + USERNAME, prefix + ".password=" + PASSWORD};
    }

    private static LeadKeyServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            LeadKeyServer keys = new LeadKeyServer(server);
            String expected = "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            server.createContext("/api/keys/", exchange -> {
                try {
                    String path = exchange.getRequestURI().getPath();
                    UUID leadId = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
                    LeadKey key = keys.keys.get(leadId);
                    int status = keys.unavailable.get() ? 503
                            : !expected.equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 401
                            : key != null ? 200 : keys.erased.contains(leadId) ? 410 : 404;
                    byte[] body = (status == 200
                            ? "{\"leadId\":\"" + leadId + "\",\"algorithm\":\"A256GCM\",\"key\":\"" + key.toBase64() + "\"}"
                            : "{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\"refused\"}").getBytes(StandardCharsets.UTF_8);
                    if (status == 200) {
                        keys.reads.incrementAndGet();
                    }
                    exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                } catch (IllegalArgumentException e) {
                    exchange.sendResponseHeaders(400, -1);
                } finally {
                    exchange.close();
                }
            });
            server.createContext("/api/access", exchange -> {
                try {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    java.util.regex.Matcher email = java.util.regex.Pattern.compile("\"email\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
                    int status = keys.unavailable.get() ? 503
                            : !expected.equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 401 : email.find() ? 200 : 400;
                    String ids = status != 200 ? "" : keys.byEmail.getOrDefault(email.group(1).strip().toLowerCase(java.util.Locale.ROOT), Set.of())
                            .stream().map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(","));
                    byte[] answer = (status == 200 ? "{\"leadIds\":[" + ids + "],\"leads\":[]}"
                            : "{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\"refused\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
                    exchange.sendResponseHeaders(status, answer.length);
                    exchange.getResponseBody().write(answer);
                } finally {
                    exchange.close();
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "lead-key-server");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            System.setProperty(URL_PROPERTY, keys.url().toString());
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the lead key server", e);
        }
    }
}

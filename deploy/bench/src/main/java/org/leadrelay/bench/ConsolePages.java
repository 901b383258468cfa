package org.leadrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./leadrelay bench console}: times the operator console's pages as one signed-in operator
 * reads them, one request after another, after a warm-up of each: the live flow page and its JSON,
 * a lead's page, the searches, the queue, partners, deliveries and dead letters. Prints p50, p95,
 * p99 and max per page, in milliseconds, as markdown.
 */
public final class ConsolePages {

    static final String USAGE = """
            usage: ./leadrelay bench console [--console=http://127.0.0.1:8085] [--data-dir=.leadrelay] [--requests=200]
                                             [--warmup=20] [--user=operator] [--password=local-operator-password]
              Times each console page as one signed-in operator reads it (sequential requests).""";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final Pattern LEAD_LINK = Pattern.compile("/leads/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private ConsolePages(URI base) {
        this.base = base;
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println(USAGE);
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        URI console = URI.create(options.getOrDefault("console", fromStackFile(Path.of(options.getOrDefault("data-dir", ".leadrelay")))));
        int requests = Integer.parseInt(options.getOrDefault("requests", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        ConsolePages pages = new ConsolePages(console);
        pages.signIn(options.getOrDefault("user", "operator"), options.getOrDefault("password", "local-operator-password"));
        pages.run(requests, warmup, System.out);
    }

    private static String fromStackFile(Path dataDir) {
        Path file = dataDir.resolve("stack.json");
        if (Files.exists(file)) {
            JsonNode ports = JsonMapper.builder().build().readTree(file.toFile());
            if (ports.has("console")) {
                return "http://127.0.0.1:" + ports.get("console").asInt();
            }
        }
        return "http://127.0.0.1:8085";
    }

    private void run(int requests, int warmup, PrintStream out) {
        JsonNode flow = JsonMapper.builder().build().readTree(get("/api/flow").body());
        List<String> paths = new ArrayList<>(List.of("/", "/api/flow"));
        if (flow.get("recent").size() > 0) {
            paths.add("/leads/" + flow.get("recent").get(0).get("leadId").asString());
        } else {
            // nothing in the last hour: the newest lead the search lists
            Matcher lead = LEAD_LINK.matcher(get("/leads").body());
            if (lead.find()) {
                paths.add(lead.group());
            }
        }
        paths.addAll(List.of("/leads", "/leads?country=FR", "/leads?state=OFFERED", "/leads?state=EXPIRED", "/leads?state=ACCEPTED",
                "/leads?email=nobody%40example.org", "/queue", "/partners", "/deliveries", "/dead-letters"));
        out.printf("Console %s: %d requests per page after %d of warm-up, one after another.%n%n", base, requests, warmup);
        out.println("| page | p50 | p95 | p99 | max | answer |");
        out.println("| --- | ---: | ---: | ---: | ---: | --- |");
        for (String path : paths) {
            Histogram histogram = new Histogram(60_000_000_000L, 3);
            int status = 0;
            for (int i = 0; i < warmup + requests; i++) {
                long began = System.nanoTime();
                HttpResponse<String> answer = get(path);
                long took = System.nanoTime() - began;
                status = answer.statusCode();
                if (i >= warmup) {
                    histogram.recordValue(took);
                }
            }
            out.printf(Locale.ROOT, "| `%s` | %.1f | %.1f | %.1f | %.1f | %d |%n", path, ms(histogram, 50), ms(histogram, 95), ms(histogram, 99),
                    histogram.getMaxValue() / 1e6, status);
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private void signIn(String user, String password) {
        Matcher token = CSRF.matcher(get("/signin").body());
        if (!token.find()) {
            throw new IllegalStateException("no sign-in form at " + base.resolve("/signin"));
        }
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("could not sign in to the console as " + user + " (" + answer.statusCode() + " " + location + ")");
        }
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

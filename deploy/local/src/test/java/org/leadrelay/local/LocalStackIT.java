package org.leadrelay.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the packaged launcher as a child process, exactly as {@code ./leadrelay} does, and checks
 * the promises of the local stack: a lead goes through to the mail catcher and the demo partner,
 * SIGTERM leaves no process behind, and a restart finds its partners and leads again.
 */
class LocalStackIT {

    private static final Path JAR = Path.of("target", "local-stack-0.1.0-SNAPSHOT-exec.jar").toAbsolutePath();
    private static final Path HOME = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Duration START = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();
    private final List<Launched> launched = new ArrayList<>();

    @TempDir
    Path data;

    @AfterEach
    void stopWhatIsLeft() {
        launched.forEach(Launched::kill);
    }

    @Test
    void runsALeadThroughStopsCleanlyAndKeepsItsDataAcrossARestart() throws Exception {
        Ports ports = freePorts();
        Launched first = launch(ports);
        first.awaitLine("Lead Relay is up", START);
        assertThat(first.output()).anyMatch(line -> line.startsWith("Seeded 28 partners"));
        List<String> printed = first.output();
        int form = printed.indexOf(printed.stream().filter(line -> line.contains("Lead form:")).findFirst().orElseThrow());
        assertThat(printed.get(form + 1)).contains("Operator console:", "http://127.0.0.1:" + ports.console() + "/",
                "operator / local-operator-password", "viewer / local-viewer-password");

        Launched second = launch(ports);
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process.exitValue()).isEqualTo(2);
        assertThat(String.join("\n", second.output())).contains("Lead Relay is already running from");

        JsonNode accepted = post(URI.create("http://127.0.0.1:" + ports.intake() + "/api/leads"), """
                {"contact": {"name": "Camille Martin", "email": "camille@example.fr"},
                 "need": {"products": ["postgresql"], "services": ["migration"]},
                 "location": {"country": "FR", "city": "Lyon"}, "language": "fr", "consent": true}
                """);
        String leadId = accepted.get("leadId").asString();
        // the oldest: the demo partner accepts a second after the webhook, and the acceptance email may be listed above the offer
        JsonNode email = awaitOldestListed(URI.create("http://127.0.0.1:" + ports.mailCatcher() + "/api/messages"), leadId);
        // the seeded Lyon partners serve in French, so the offer is written in French
        assertThat(email.get("subject").asString()).isEqualTo("Nouvelle demande : postgresql, migration à Lyon, FR");
        JsonNode webhook = awaitListed(URI.create("http://127.0.0.1:" + ports.demoPartner() + "/api/webhooks"), leadId);
        assertThat(webhook.get("verified").asBoolean()).as(webhook.toString()).isTrue();
        JsonNode answered = awaitListed(URI.create("http://127.0.0.1:" + ports.demoPartner() + "/api/webhooks"), "accepted (HTTP 200)");
        assertThat(answered.get("leadId").asString()).isEqualTo(leadId);
        String partnerId = webhook.get("payload").get("partnerId").asString();
        // the console, its own process, reads the same topics: the lead has its page there
        HttpClient operator = signedInToConsole(ports);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> page = operator.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.console()
                    + "/leads/" + leadId)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return page.statusCode() == 200 && page.body().contains("camille@example.fr");
        });

        List<ProcessHandle> children = first.process.descendants().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(5);
        first.process.destroy(); // SIGTERM
        assertThat(first.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        ports.requireFree();

        Launched restarted = launch(ports);
        restarted.awaitLine("Lead Relay is up", START);
        assertThat(restarted.output()).noneMatch(line -> line.startsWith("Seeded"));
        HttpResponse<String> partner = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.directory()
                + "/api/partners/" + partnerId)).header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (Seeder.OPERATOR_NAME + ":" + Seeder.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(partner.statusCode()).isEqualTo(200);
        HttpResponse<String> lead = get(URI.create("http://127.0.0.1:" + ports.intake() + "/api/leads/" + leadId));
        assertThat(lead.statusCode()).isEqualTo(200);
        restarted.process.destroy();
        assertThat(restarted.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void namesAPortThatIsAlreadyTaken() throws Exception {
        Ports ports = freePorts();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.intake()));

            Launched launched = launch(ports);

            assertThat(launched.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launched.process.exitValue()).isEqualTo(2);
            assertThat(String.join("\n", launched.output()))
                    .contains("port " + ports.intake() + " (lead-intake) is already in use");
        }
    }

    private Launched launch(Ports ports) throws IOException {
        assertThat(JAR).as("the launcher is packaged before this test runs").exists();
        int offset = ports.intake() - 8081;
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(), "up",
                "--data-dir=" + data, "--home=" + HOME, "--port-offset=" + offset)
                .redirectErrorStream(true).start();
        Launched started = new Launched(process, data.resolve("logs"));
        launched.add(started);
        return started;
    }

    /**
     * A free set of ports, all below the kernel's ephemeral range (32768 and up on Linux): a port
     * in that range can be taken, between the check and the bind, as the local end of one of the
     * many outgoing connections the services open while they start.
     */
    private static Ports freePorts() {
        Random random = new Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            Ports ports = Ports.withOffset(100 + random.nextInt(56) * 100);
            try {
                ports.requireFree();
                return ports;
            } catch (StackException taken) {
                // try another offset
            }
        }
        throw new IllegalStateException("no free set of ports found");
    }

    /** Signs in to the console's form as the development operator, with the form's CSRF token and a session cookie. */
    private static HttpClient signedInToConsole(Ports ports) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        URI signIn = URI.create("http://127.0.0.1:" + ports.console() + "/signin");
        String form = browser.send(HttpRequest.newBuilder(signIn).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as(form).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(signIn).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator&password=local-operator-password&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.uri().getPath()).isNotEqualTo("/signin");
        return browser;
    }

    private JsonNode post(URI uri, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the JSON list at {@code uri} to hold an entry mentioning the text. */
    /** The oldest entry of a newest-first list that contains the text. */
    private JsonNode awaitOldestListed(URI uri, String text) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode oldest = null;
            for (JsonNode entry : json.readTree(get(uri).body())) {
                if (entry.toString().contains(text)) {
                    oldest = entry;
                }
            }
            return oldest;
        }, entry -> entry != null);
    }

    private JsonNode awaitListed(URI uri, String text) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode entry : json.readTree(get(uri).body())) {
                if (entry.toString().contains(text)) {
                    return entry;
                }
            }
            return null;
        }, entry -> entry != null);
    }

    /** A launcher process and what it printed. */
    private static final class Launched {

        private final Process process;
        private final Path logs;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        Launched(Process process, Path logs) {
            this.process = process;
            this.logs = logs;
            Thread reader = new Thread(() -> {
                try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = output.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException endOfOutput) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        List<String> output() {
            return List.copyOf(lines);
        }

        void awaitLine(String text, Duration timeout) {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .failFast(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the launcher stopped (exit " + process.exitValue() + "):\n"
                                    + String.join("\n", lines) + logTails());
                        }
                    })
                    .until(() -> lines.stream().anyMatch(line -> line.contains(text)));
        }

        /** The last lines of each log the stack wrote, so that a failed start names its cause. */
        private String logTails() {
            StringBuilder tails = new StringBuilder();
            try (var files = Files.list(logs)) {
                for (Path log : files.sorted().toList()) {
                    List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                    tails.append("\n--- ").append(log.getFileName()).append(" (last 40 lines) ---\n")
                            .append(String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size())));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                tails.append("\n(logs unreadable: ").append(e.getMessage()).append(')');
            }
            return tails.toString();
        }

        void kill() {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}

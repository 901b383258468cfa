package org.leadrelay.local;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A measurement run, not a test: what the local stack's mail catcher and demo partner cost for
 * each email and webhook they receive. Each helper runs alone in a JVM of its own (in the stack
 * they share the launcher's), so the CPU time the operating system counts for that process is the
 * helper's; this JVM sends to it and times each exchange from the sender's side. Nothing here
 * asserts a duration; the figures go to docs/performance.md. Run it with
 *
 * <pre>
 * ./mvnw -o -q -pl deploy/local test-compile org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
 *   -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * cd deploy/local &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/test.classpath) org.leadrelay.local.HelpersCostRun [mail|webhooks|answers|all]
 * </pre>
 *
 * <p>System properties: {@code warmup} (500) and {@code count} (2,000) exchanges per measurement,
 * {@code answers.rate} (100 webhooks/s), {@code answers.seconds} (10) and {@code answers.delay-ms}
 * (20, how long the fake lead-router takes to take an answer).
 */
public final class HelpersCostRun {

    private static final int WARM_UP = Integer.getInteger("warmup", 500);
    private static final int COUNT = Integer.getInteger("count", 2_000);
    private static final int ANSWER_RATE = Integer.getInteger("answers.rate", 100);
    private static final int ANSWER_SECONDS = Integer.getInteger("answers.seconds", 10);
    private static final int ANSWER_DELAY_MS = Integer.getInteger("answers.delay-ms", 20);
    private static final int PARTNERS = 28;
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("demo-partner-cost-run-secret-0123".getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HelpersCostRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(args);
            return;
        }
        String which = args.length > 0 ? args[0] : "all";
        System.out.printf(Locale.ROOT, "%d cores, Java %s, %d warm-up and %d measured exchanges, load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), WARM_UP, COUNT, loadAverage());
        if (which.equals("mail") || which.equals("all")) {
            mail();
        }
        if (which.equals("webhooks") || which.equals("all")) {
            webhooks();
        }
        if (which.equals("answers") || which.equals("all")) {
            answers();
        }
        System.out.println("\nload average at the end " + loadAverage());
    }

    private static void mail() throws Exception {
        int smtpPort = freePort();
        int webPort = freePort();
        try (Helper catcher = Helper.start("mail", String.valueOf(smtpPort), String.valueOf(webPort))) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(smtpPort));
            properties.put("mail.smtp.connectiontimeout", "5000");
            properties.put("mail.smtp.timeout", "5000");
            Session session = Session.getInstance(properties);
            java.io.ByteArrayOutputStream sample = new java.io.ByteArrayOutputStream();
            offer(session, 0).writeTo(sample);
            System.out.printf(Locale.ROOT, "%nMail catcher (GreenMail SMTP and its pages), an offer-sized email (text and HTML, %.1f KB); "
                    + "helper's heap after GC at start %.1f MB%n", sample.size() / 1024.0, catcher.heapAfterGc() / 1e6);
            measure("email, a connection of its own", catcher, i -> offer(session, i), message -> {
                Transport transport = session.getTransport("smtp");
                transport.connect();
                try {
                    transport.sendMessage(message, message.getAllRecipients());
                } finally {
                    transport.close();
                }
            });
            Transport kept = session.getTransport("smtp");
            kept.connect();
            try {
                measure("email, one connection kept", catcher, i -> offer(session, i), message ->
                        kept.sendMessage(message, message.getAllRecipients()));
            } finally {
                kept.close();
            }
            pages(catcher, webPort, "/api/messages", "/");
            System.out.printf(Locale.ROOT, "  heap after GC, %d emails received: %.1f MB%n", 2 * (WARM_UP + COUNT),
                    catcher.heapAfterGc() / 1e6);
        }
    }

    private static void webhooks() throws Exception {
        int port = freePort();
        try (Helper partner = Helper.start("partner", String.valueOf(port), "SILENT", "")) {
            Webhook signer = new Webhook(SECRET);
            System.out.printf(Locale.ROOT, "%nDemo partner, silent (receives, verifies, keeps), an offer webhook (%.1f KB); "
                    + "helper's heap after GC at start %.1f MB%n", offered(0, URI.create("http://127.0.0.1:1/api/answers/0")).length() / 1024.0,
                    partner.heapAfterGc() / 1e6);
            measure("webhook, signed and verified", partner, i -> signed(signer, port, i, URI.create("http://127.0.0.1:1/api/answers/" + i)),
                    request -> {
                        HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 204) {
                            throw new IllegalStateException("demo partner answered " + response.statusCode());
                        }
                    });
            pages(partner, port, "/api/webhooks", "/");
            System.out.printf(Locale.ROOT, "  heap after GC, %d webhooks received: %.1f MB%n", WARM_UP + COUNT, partner.heapAfterGc() / 1e6);
        }
    }

    /**
     * The demo partner answering: webhooks at a steady rate, each answered by the partner a second
     * later through its answer URL, here a stand-in for lead-router that takes a while to answer.
     */
    private static void answers() throws Exception {
        int port = freePort();
        Map<Integer, Long> answeredAt = new ConcurrentHashMap<>();
        // the stand-in answers in one write, as lead-router's Tomcat does, not after a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer router = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        router.setExecutor(Executors.newFixedThreadPool(16));
        router.createContext("/api/answers/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ANSWER_DELAY_MS));
            String path = exchange.getRequestURI().getPath();
            answeredAt.put(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)), System.nanoTime());
            byte[] body = "{\"state\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        router.start();
        String answers = "http://127.0.0.1:" + router.getAddress().getPort() + "/api/answers/";
        int total = ANSWER_RATE * ANSWER_SECONDS;
        long[] sentAt = new long[total];
        try (Helper partner = Helper.start("partner", String.valueOf(port), "ACCEPT", "")) {
            Webhook signer = new Webhook(SECRET);
            for (int i = 0; i < 200; i++) {
                HTTP.send(signed(signer, port, -1, URI.create(answers + (100_000 + i))), HttpResponse.BodyHandlers.discarding());
            }
            // the warm-up's answers are in (their ids are 100,000 and up) before the measured ones start
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> answeredAt.keySet().stream().filter(id -> id >= 100_000).count() == 200);
            Duration cpuBefore = partner.cpu();
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / ANSWER_RATE;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                sentAt[i] = System.nanoTime();
                HTTP.send(signed(signer, port, i, URI.create(answers + i)), HttpResponse.BodyHandlers.discarding());
            }
            long lastSent = System.nanoTime();
            try {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> countAnswered(answeredAt, total) >= total);
            } catch (org.awaitility.core.ConditionTimeoutException late) {
                // reported below as unanswered, as the run's figures
            }
            Duration cpu = partner.cpu().minus(cpuBefore);
            long[] lag = new long[total];
            int answered = 0;
            long lastAnswer = 0;
            for (int i = 0; i < total; i++) {
                Long at = answeredAt.get(i);
                if (at != null) {
                    lag[answered++] = at - sentAt[i] - TimeUnit.SECONDS.toNanos(1);
                    lastAnswer = Math.max(lastAnswer, at);
                }
            }
            long[] measured = Arrays.copyOf(lag, answered);
            Arrays.sort(measured);
            System.out.printf(Locale.ROOT, "%nDemo partner answering (accept), %d webhooks/s for %d s, the answer URL taking %d ms:%n",
                    ANSWER_RATE, ANSWER_SECONDS, ANSWER_DELAY_MS);
            System.out.printf(Locale.ROOT, "  answered %d of %d; answer later than the 1 s it thinks by p50 %s / p90 %s / p99 %s / max %s; "
                            + "last answer %.1f s after the last webhook; helper CPU %.0f ms (%.0f us per webhook and answer)%n",
                    answered, total, ms(percentile(measured, 0.50)), ms(percentile(measured, 0.90)), ms(percentile(measured, 0.99)),
                    ms(measured.length == 0 ? 0 : measured[measured.length - 1]), (lastAnswer - lastSent) / 1e9, cpu.toNanos() / 1e6,
                    cpu.toNanos() / 1e3 / total);
        } finally {
            router.stop(0);
            ((java.util.concurrent.ExecutorService) router.getExecutor()).shutdownNow();
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int countAnswered(Map<Integer, Long> answeredAt, int total) {
        int count = 0;
        for (Integer key : answeredAt.keySet()) {
            if (key < total) {
                count++;
            }
        }
        return count;
    }

    private interface Prepare<T> {
        T make(int i) throws Exception;
    }

    private interface Exchange<T> {
        void run(T prepared) throws Exception;
    }

    /** Warms up, then times each exchange and counts the helper's CPU time over the measured ones, less what it uses idle. */
    private static <T> void measure(String name, Helper helper, Prepare<T> prepare, Exchange<T> exchange) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            exchange.run(prepare.make(i));
        }
        Duration idleBefore = helper.cpu();
        long idleStart = System.nanoTime();
        // a fixed window of the helper's idle CPU (a measurement, not a wait for anything)
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
        double idlePerNano = (double) helper.cpu().minus(idleBefore).toNanos() / (System.nanoTime() - idleStart);
        long[] latency = new long[COUNT];
        Duration cpuBefore = helper.cpu();
        long start = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            T prepared = prepare.make(WARM_UP + i);
            long sent = System.nanoTime();
            exchange.run(prepared);
            latency[i] = System.nanoTime() - sent;
        }
        long wall = System.nanoTime() - start;
        long cpu = helper.cpu().minus(cpuBefore).toNanos();
        long busy = Math.max(0, cpu - Math.round(idlePerNano * wall));
        double mean = Arrays.stream(latency).average().orElse(0);
        Arrays.sort(latency);
        System.out.printf(Locale.ROOT, "  %-32s latency mean %s, p50 %s / p90 %s / p99 %s / max %s; helper CPU %.0f us each "
                        + "(%.0f us counting its idle %.1f%% of a core); %.0f per second one at a time%n",
                name, ms((long) mean), ms(percentile(latency, 0.50)), ms(percentile(latency, 0.90)), ms(percentile(latency, 0.99)),
                ms(latency[latency.length - 1]), busy / 1e3 / COUNT, cpu / 1e3 / COUNT, idlePerNano * 100, COUNT / (wall / 1e9));
    }

    /** Reads the helper's JSON list and page a few times, as someone watching the page (it refreshes every 5 s) does. */
    private static void pages(Helper helper, int port, String... paths) throws Exception {
        for (String path : paths) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
            HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int reads = 5;
            long bytes = 0;
            Duration cpuBefore = helper.cpu();
            long start = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                bytes = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
            }
            long each = (System.nanoTime() - start) / reads;
            System.out.printf(Locale.ROOT, "  GET %-30s %s each, %.0f KB, helper CPU %.0f ms each%n", path, ms(each), bytes / 1024.0,
                    helper.cpu().minus(cpuBefore).toNanos() / 1e6 / reads);
        }
    }

    private static MimeMessage offer(Session session, int i) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("leads@leadrelay.local"));
        message.setRecipients(Message.RecipientType.TO, "contact@partner-" + (i % PARTNERS) + ".example");
        message.setSubject("Nouvelle demande : postgresql, migration à Lyon, FR", "UTF-8");
        message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@leadrelay.local>");
        message.setSentDate(new java.util.Date());
        StringBuilder text = new StringBuilder("Bonjour,\n\nun client à Lyon, France a besoin d'aide : postgresql, migration.\n\n");
        StringBuilder html = new StringBuilder("<html><body><p>Bonjour,</p><p>un client à Lyon, France a besoin d'aide.</p><ul>");
        for (int line = 0; line < 12; line++) {
            text.append("- Détail ").append(line).append(" : une ligne de la demande, du score ou des raisons du choix.\n");
            html.append("<li>Détail ").append(line).append(" : une ligne de la demande, du score ou des raisons du choix.</li>");
        }
        String accept = "http://127.0.0.1:8083/answers/" + UUID.randomUUID() + UUID.randomUUID() + "?answer=accept";
        text.append("\nAccept: ").append(accept).append("\nDecline: ").append(accept.replace("accept", "decline")).append('\n');
        html.append("</ul><p><a href=\"").append(accept).append("\">Accepter</a> <a href=\"").append(accept.replace("accept", "decline"))
                .append("\">Refuser</a></p></body></html>");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text.toString(), "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html.toString(), "text/html; charset=UTF-8");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static HttpRequest signed(Webhook signer, int port, int i, URI answerUrl) throws Exception {
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        String body = offered(i, answerUrl);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + DemoPartner.PATH + "p" + Math.floorMod(i, PARTNERS)))
                .header("Content-Type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signer.sign(id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String offered(int i, URI answerUrl) {
        String token = UUID.randomUUID() + "." + UUID.randomUUID() + "." + UUID.randomUUID();
        return """
                {"type":"lead.offered","timestamp":"%s","leadId":"%s","assignmentId":"%s","partnerId":"%s","attempt":1,\
                "reassigned":false,"score":{"total":90.0,"components":[{"name":"speciality","points":60,"reason":"covers 2 of 2"},\
                {"name":"language","points":15,"reason":"serves in fr"},{"name":"tier","points":15,"reason":"GOLD partner"}]},\
                "lead":{"need":{"products":["postgresql"],"services":["migration"],"description":"Move 3 Oracle schemas to PostgreSQL, \
                with the application team, before the end of the quarter (lead %d)"},"location":{"country":"FR","city":"Lyon",\
                "region":"FR-ARA"},"language":"fr","companySize":120},"respondBy":"%s","answerToken":"%s","answerUrl":"%s",\
                "answerPage":"http://127.0.0.1:8083/answers/%s","acceptPage":"http://127.0.0.1:8083/answers/%s?answer=accept",\
                "declinePage":"http://127.0.0.1:8083/answers/%s?answer=decline"}""".formatted(Instant.now(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), i, Instant.now().plusSeconds(4 * 3600), token, answerUrl, token, token, token);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f ms" : "%.0f ms", nanos / 1e6);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** In the helper's JVM: starts the helper, then answers {@code heap} (used heap after a GC) and {@code quit} on standard input. */
    private static void serve(String[] args) throws Exception {
        AutoCloseable helper;
        if (args[1].equals("mail")) {
            helper = MailCatcher.start(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            Map<String, String> secrets = new HashMap<>();
            for (int i = 0; i < PARTNERS; i++) {
                secrets.put("p" + i, SECRET);
            }
            helper = DemoPartner.start(Integer.parseInt(args[2]), secrets, DemoPartner.Mode.valueOf(args[3]));
        }
        System.out.println("ready");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !command.equals("quit")) {
            if (command.equals("heap")) {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                }
                Runtime runtime = Runtime.getRuntime();
                System.out.println("heap " + (runtime.totalMemory() - runtime.freeMemory()));
            }
        }
        helper.close();
        System.exit(0);
    }

    /** A helper running in a JVM of its own. */
    private static final class Helper implements AutoCloseable {

        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        private Helper(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static Helper start(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-cp",
                    System.getProperty("java.class.path"), HelpersCostRun.class.getName(), "serve"));
            command.addAll(List.of(args));
            File log = new File("target/helpers-cost-" + args[0] + ".log");
            Helper helper = new Helper(new ProcessBuilder(command).redirectError(log).start());
            String line = helper.out.readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("the helper did not start (" + line + "); see " + log);
            }
            return helper;
        }

        Duration cpu() {
            return process.toHandle().info().totalCpuDuration().orElseThrow();
        }

        long heapAfterGc() throws IOException {
            in.println("heap");
            String line = out.readLine();
            return Long.parseLong(line.substring("heap ".length()));
        }

        @Override
        public void close() throws InterruptedException {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

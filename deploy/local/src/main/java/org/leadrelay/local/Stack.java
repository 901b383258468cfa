package org.leadrelay.local;

import java.io.PrintStream;
import org.leadrelay.kafka.StandaloneKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the parts in order, each checked before the next: the broker, the database, the mail
 * catcher, the demo partner, then the five services (started together, since they only meet on
 * Kafka, and each checked healthy); stops them in reverse order.
 */
final class Stack implements AutoCloseable {

    private static final Duration SERVICE_START = Duration.ofSeconds(240);
    /** Shared with the services' webhook signing; a development value, like theirs. */
    private static final String MASTER_KEY = "local-development-master-key-change-me-0123456789";
    private static final String ANSWER_KEY = "local-development-answer-key-change-me-0123456789";
    /** The operator console's development accounts (its configuration file's): one acts, one only reads. */
    static final String CONSOLE_OPERATOR = "operator / local-operator-password";
    static final String CONSOLE_VIEWER = "viewer / local-viewer-password";

    private final StackSettings settings;
    private final DataDirectory data;
    private final PrintStream console;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    Stack(StackSettings settings, PrintStream console) {
        this.settings = settings;
        this.data = new DataDirectory(settings.dataDir());
        this.console = console;
    }

    void start() {
        long began = System.nanoTime();
        data.lock();
        if (settings.reset()) {
            data.wipe();
            console.println("Reset: deleted everything under " + data.root());
        }
        Ports ports = settings.ports();
        ports.requireFree();

        step("Kafka broker (KRaft) on 127.0.0.1:" + ports.kafka());
        StandaloneKafka kafka;
        try {
            kafka = StandaloneKafka.start(data.kafka(), ports.kafka(), ports.kafkaController());
        } catch (IllegalStateException e) {
            throw new StackException(e.getMessage() + "; see " + data.logs().resolve("launcher.log"), e);
        }
        started.add(kafka);
        step("MongoDB-wire server (H2 on disk) on 127.0.0.1:" + ports.mongo());
        Database database = Database.start(data.mongoFile(), ports.mongo());
        started.add(database);
        step("mail catcher: SMTP on 127.0.0.1:" + ports.smtp());
        started.add(MailCatcher.start(ports.smtp(), ports.mailCatcher()));
        Seeder seeder = new Seeder(data);
        step("demo partner endpoint on 127.0.0.1:" + ports.demoPartner() + " (answers: " + settings.demoPartner().name().toLowerCase(java.util.Locale.ROOT) + ")");
        DemoPartner demoPartner = DemoPartner.start(ports.demoPartner(), seeder.secrets(), settings.demoPartner());
        started.add(demoPartner);

        List<String> common = List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.mongodb.uri=" + database.uri(),
                // the published development keys and passwords below are allowed here, and only here
                "--leadrelay.development=true",
                "--leadrelay.webhooks.master-key=" + MASTER_KEY,
                "--leadrelay.webhooks.allowed-hosts=127.0.0.1",
                "--leadrelay.answers.signing-key=" + ANSWER_KEY,
                "--leadrelay.notification.answer-base-url=http://127.0.0.1:" + ports.router(),
                "--spring.mail.port=" + ports.smtp(),
                "--logging.level.org.apache.kafka=WARN",
                // the demo command and a person's browser share 127.0.0.1: a generous per-client limit
                "--leadrelay.intake.leads-per-minute-per-client=600");
        step("lead-intake, partner-directory, lead-router, notification-service, operator-console");
        startService("partner-directory", ports.directory(), common);
        startService("lead-router", ports.router(), common);
        List<String> notification = new ArrayList<>(common);
        notification.add("--leadrelay.notification.lead-keys.url=http://127.0.0.1:" + ports.intake());
        startService("notification-service", ports.notification(), notification);
        // intake has no accounts by default: the development operator, so the console can ask erasures and
        // read leads' keys, and the notification service's key reader, which opens leads' sealed data
        List<String> intake = new ArrayList<>(common);
        intake.add("--leadrelay.intake.security.operators." + Seeder.OPERATOR_NAME + "={noop}" + Seeder.OPERATOR_PASSWORD);
        intake.add("--leadrelay.intake.security.services.notification={noop}local-key-reader-password");
        startService("lead-intake", ports.intake(), intake);
        startService("operator-console", ports.console(), consoleArguments(ports, common));
        awaitServicesHealthy();

        if (!seeder.seeded()) {
            seeder.seed(services.get("partner-directory").url(), demoPartnerUrl(ports), demoPartner, console);
        }
        StackFile.write(data.stackFile(), ports);
        long seconds = Duration.ofNanos(System.nanoTime() - began).toSeconds();
        console.println();
        console.println("Lead Relay is up (" + seconds + " s). Data in " + data.root() + ", logs in " + data.logs() + ".");
        console.println(urls(ports));
        console.println("Post sample leads with ./leadrelay demo. Ctrl-C stops everything.");
    }

    /**
     * The console acts through the other services' operator APIs, with the development operator
     * account they all share, so it is told where they listen.
     */
    private static List<String> consoleArguments(Ports ports, List<String> common) {
        List<String> arguments = new ArrayList<>(common);
        Map<String, Integer> services = Map.of("router", ports.router(), "notification", ports.notification(), "directory", ports.directory(),
                "intake", ports.intake());
        services.forEach((service, port) -> {
            String prefix = "--leadrelay.console.services." + service + ".";
            arguments.add(prefix + "url=http://127.0.0.1:" + port);
            arguments.add(prefix + "username=" + Seeder.OPERATOR_NAME);
            arguments.add(prefix + "password=" + Seeder.OPERATOR_PASSWORD);
        });
        return arguments;
    }

    private void startService(String name, int port, List<String> common) {
        Path jar = settings.home().resolve(name).resolve("target").resolve(name + "-0.1.0-SNAPSHOT-exec.jar");
        ServiceProcess service = ServiceProcess.start(name, jar, port, data.logs(), common, console);
        services.put(name, service);
        started.add(service);
    }

    private void awaitServicesHealthy() {
        List<CompletableFuture<Void>> checks = services.values().stream()
                .map(service -> CompletableFuture.runAsync(() -> service.awaitHealthy(SERVICE_START)))
                .toList();
        try {
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StackException stack ? stack : new StackException(e.getMessage(), e);
        }
    }

    private static java.net.URI demoPartnerUrl(Ports ports) {
        return java.net.URI.create("http://127.0.0.1:" + ports.demoPartner());
    }

    static String urls(Ports ports) {
        String base = "http://127.0.0.1:";
        return String.join(System.lineSeparator(),
                "  Lead form:          " + base + ports.intake() + "/form   (en français : /form?lang=fr)",
                "  Operator console:   " + base + ports.console() + "/   (sign in as " + CONSOLE_OPERATOR + ", or " + CONSOLE_VIEWER
                        + " to read without personal data)",
                "  Leads API:          POST " + base + ports.intake() + "/api/leads   (API docs " + base + ports.intake() + "/swagger-ui.html)",
                "  Partners API:       " + base + ports.directory() + "/api/partners   (" + Seeder.OPERATOR_NAME + " / "
                        + Seeder.OPERATOR_PASSWORD + "; API docs " + base + ports.directory() + "/swagger-ui.html)",
                "  Router:             " + base + ports.router() + "/actuator/health   (partners answer at /answers/<token>)",
                "  Notifications:      " + base + ports.notification() + "/actuator/health",
                "  Mail catcher:       " + base + ports.mailCatcher() + "/   (JSON " + base + ports.mailCatcher() + "/api/messages)",
                "  Demo partner:       " + base + ports.demoPartner() + "/   (JSON " + base + ports.demoPartner() + "/api/webhooks)",
                "  Metrics:            " + base + ports.intake() + "/actuator/prometheus (and :" + ports.directory() + ", :"
                        + ports.router() + ", :" + ports.notification() + ", :" + ports.console() + ")",
                "  Kafka:              127.0.0.1:" + ports.kafka() + "    MongoDB: mongodb://127.0.0.1:" + ports.mongo());
    }

    private void step(String what) {
        console.println("Starting " + what + " ...");
    }

    /** Stops what was started, in reverse order; safe to call twice. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable part = started.get(i);
            try {
                part.close();
            } catch (Exception e) {
                console.println("While stopping: " + e.getMessage());
            }
        }
        started.clear();
        try {
            Files.deleteIfExists(data.stackFile());
        } catch (java.io.IOException ignored) {
            // the next start rewrites it
        }
        data.unlock();
    }
}

package org.leadrelay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.Topics;
import org.leadrelay.testing.KafkaCluster;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WebhookReceiver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's process and broker faults, in one run through the four services, each its own process
 * from its packaged jar, on a three-node KRaft cluster (every topic replicated three times, a write
 * taken once two replicas have it):
 *
 * <ul>
 *   <li><b>R3</b>: the consuming services, lead-router, notification-service and operator-console, are
 *       killed (SIGKILL: no shutdown, no last offset commit) and started again, {@link #ROUNDS} times
 *       each, while they work through the leads;</li>
 *   <li><b>R8</b>: the router runs as three instances, and one of them is the one killed each round
 *       (the others take its partitions over);</li>
 *   <li><b>R1</b>: midway, the broker that leads the most partitions of the lead topics is killed
 *       the same way and, after the pipeline has gone on without it, started again.</li>
 * </ul>
 *
 * Every lead answered 202 must be offered to one partner, once: one assignment on
 * leads.assignments.v2, one webhook-id at the partner's endpoint (a resend after a crash carries
 * the same one, which the receiver drops), one offer email Message-ID, and one offer in the story
 * the console shows, with no event recorded twice. The figures are printed
 * ("FAULTS:") for docs/reliability.md. One run for the three items keeps the suite's time: the
 * faults are independent and the invariant checked is the same.
 */
class FaultsIT {

    static final int LEADS = Integer.getInteger("leadrelay.faults.leads", 2_000);
    static final int ROUNDS = Integer.getInteger("leadrelay.faults.rounds", 10);
    private static final int PARTNERS = 30;
    private static final int CLIENTS = 8;
    private static final int STORY_PAGE = 500;
    private static final String[] COUNTRIES = {"FR", "BE", "CH", "LU", "DE", "CA"};
    private static final String[] PRODUCTS = {"postgresql", "mariadb", "java", "tomcat", "kubernetes", "linux"};
    private static final Duration START = Duration.ofMinutes(4);
    private static final String OPERATOR = LeadRelayStack.OPERATOR;

    private static Path dir;
    private static KafkaCluster kafka;
    private static MongoServer mongo;
    private static GreenMail smtp;
    private static WebhookReceiver partners;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess directory;
    private static ServiceProcess intake;
    private static ServiceProcess notification;
    private static ServiceProcess console;
    private static final List<ServiceProcess> routers = new ArrayList<>();

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = new JsonMapper();

    @BeforeAll
    static void startEverything() throws Exception {
        dir = Files.createTempDirectory("leadrelay-faults");
        kafka = KafkaCluster.start(dir.resolve("kafka"), 3);
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        partners = WebhookReceiver.start();
        List<String> common = List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort(),
                "--leadrelay.development=true",
                "--leadrelay.events.replication-factor=3",
                "--leadrelay.webhooks.allowed-hosts=127.0.0.1",
                "--leadrelay.intake.leads-per-minute-per-client=1000000",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                // a killed instance's partitions go to the others after this long without its heartbeat (45 s by default)
                "--spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms=6000",
                "--spring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms=1500",
                "--logging.level.org.apache.kafka=WARN");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        directory = start("partner-directory", logs, common);
        // the notification service opens leads' sealed data with keys from intake (ADR 0012): its key reader account
        intake = start("lead-intake", logs, concat(common, "--leadrelay.intake.security.services.notification={noop}local-key-reader-password"));
        for (int i = 0; i < 3; i++) {
            routers.add(start("lead-router", logs, common));
        }
        notification = start("notification-service", logs, concat(common, "--leadrelay.notification.answer-base-url=" + routers.get(0).url(),
                "--leadrelay.notification.lead-keys.url=" + intake.url(),
                // an attempt cut off by a kill is taken up again after its lease: longer than a webhook may take (15 s)
                "--leadrelay.notification.retries.lease=30s"));
        console = start("operator-console", logs, concat(common, "--leadrelay.console.services.router.url=" + routers.get(0).url(),
                "--leadrelay.console.services.notification.url=" + notification.url(),
                "--leadrelay.console.services.directory.url=" + directory.url(), "--leadrelay.console.services.intake.url=" + intake.url()));
        services.forEach(service -> service.awaitHealthy(START));
        System.out.println("FAULTS: logs in " + logs);
    }

    @AfterAll
    static void stopEverything() {
        services.forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
        if (partners != null) {
            partners.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void everyAcknowledgedLeadIsOfferedOnceThroughProcessAndBrokerKills() throws Exception {
        registerPartners();
        // the first lead goes through before the faults: partners known everywhere, every service warm
        String first = postLead(0);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> offersByLead().containsKey(first));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        acknowledged.add(first);
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> posting = new ArrayList<>();
        AtomicInteger next = new AtomicInteger(1);
        for (int c = 0; c < CLIENTS; c++) {
            posting.add(clients.submit(() -> {
                for (int n = next.getAndIncrement(); n < LEADS; n = next.getAndIncrement()) {
                    acknowledged.add(postLead(n));
                }
                return null;
            }));
        }

        int brokerKilled = -1;
        long brokerDownSeconds = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            awaitProgress(LEADS / (ROUNDS + 2));
            List<ServiceProcess> killed = List.of(routers.get(round % routers.size()), notification, console);
            killed.forEach(ServiceProcess::kill);
            killed.forEach(ServiceProcess::restart);
            killed.forEach(service -> service.awaitHealthy(START));
            if (round == ROUNDS / 2) {
                brokerKilled = kafka.busiestLeader(List.of(Topics.LEADS_RECEIVED, Topics.ASSIGNMENTS, Topics.NOTIFICATIONS));
                long down = System.nanoTime();
                kafka.kill(brokerKilled);
                awaitProgress(LEADS / (ROUNDS + 2));
                kafka.restart(brokerKilled);
                brokerDownSeconds = Duration.ofNanos(System.nanoTime() - down).toSeconds();
            }
        }
        for (Future<?> client : posting) {
            client.get();
        }
        clients.shutdown();
        assertThat(acknowledged).hasSize(LEADS);

        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> offersByLead().keySet().containsAll(acknowledged) && offerEmails().size() >= LEADS);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        Map<String, Set<String>> webhookIds = offersByLead();
        Map<String, Long> emailsByMessageId = offerEmails();
        Map<String, Set<UUID>> assignments = assignmentsByLead(acknowledged);
        Map<String, Document> stories = Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> consoleStories(acknowledged), read -> read.keySet().containsAll(acknowledged)
                        && acknowledged.stream().allMatch(lead -> read.get(lead).getInteger("offers", 0) >= 1));
        long webhookRequests = partners.received(request -> true).size();
        long resentWebhooks = webhookRequests - webhookIds.values().stream().mapToLong(Set::size).sum();
        long resentEmails = emailsByMessageId.values().stream().mapToLong(count -> count - 1).sum();
        System.out.printf("FAULTS: %d leads acknowledged in %d s; %d router, %d notification-service and %d operator-console kills "
                        + "(SIGKILL), broker %d killed for %d s; %d leads with one assignment, %d offered by webhook under one webhook-id "
                        + "(%d resent with the same id), %d offer emails under %d Message-IDs (%d resent with the same id), "
                        + "%d console stories with one offer and no event twice%n",
                acknowledged.size(), seconds, routers.stream().mapToInt(ServiceProcess::kills).sum(), notification.kills(), console.kills(),
                brokerKilled,
                brokerDownSeconds, assignments.values().stream().filter(ids -> ids.size() == 1).count(),
                webhookIds.values().stream().filter(ids -> ids.size() == 1).count(), resentWebhooks,
                emailsByMessageId.values().stream().mapToLong(Long::longValue).sum(), emailsByMessageId.size(), resentEmails,
                acknowledged.stream().map(stories::get).filter(FaultsIT::toldOnce).count());

        assertThat(assignments.keySet()).as("every acknowledged lead assigned").containsAll(acknowledged);
        assertThat(assignments).as("no lead assigned twice").allSatisfy((lead, ids) -> assertThat(ids).as(lead).hasSize(1));
        assertThat(webhookIds).as("a receiver de-duplicating by webhook-id sees each offer once")
                .allSatisfy((lead, ids) -> assertThat(ids).as(lead).hasSize(1));
        assertThat(emailsByMessageId).as("one offer email per lead").hasSize(LEADS);
        assertThat(acknowledged).as("the console tells each lead's offer once, each event once")
                .allSatisfy(lead -> assertThat(toldOnce(stories.get(lead))).as(lead).isTrue());
    }

    /**
     * The console's read model of these leads (its own database): the story it shows operators. Read
     * 500 ids at a time: mongo-java-server answers a whole find in one reply, and 10,000 stories
     * outgrow the driver's 48 MB message limit.
     */
    private Map<String, Document> consoleStories(Set<String> leads) {
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort()))
                .uuidRepresentation(UuidRepresentation.STANDARD).build())) {
            Map<String, Document> stories = new java.util.HashMap<>();
            List<UUID> ids = leads.stream().map(UUID::fromString).toList();
            for (int from = 0; from < ids.size(); from += STORY_PAGE) {
                client.getDatabase("operator-console").getCollection("leads")
                        .find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + STORY_PAGE))))
                        .forEach(story -> stories.put(story.get("_id", UUID.class).toString(), story));
            }
            return stories;
        }
    }

    private static boolean toldOnce(Document story) {
        List<Object> ids = story.getList("events", Document.class).stream().map(FaultsIT::eventId).toList();
        return story.getInteger("offers", 0) == 1 && ids.stream().noneMatch(java.util.Objects::isNull)
                && ids.stream().distinct().count() == ids.size();
    }

    /** A story event's CloudEvents id; Spring Data may store a nested record's id component as _id. */
    private static Object eventId(Document event) {
        return event.containsKey("_id") ? event.get("_id") : event.get("id");
    }

    private void registerPartners() throws Exception {
        for (int i = 0; i < PARTNERS; i++) {
            post(directory.url().resolve("/api/partners"), """
                    {"name": "Partner %d", "tier": "%s", "countries": ["%s", "%s"], "specialities": ["%s", "%s", "migration", "support"],
                     "languages": ["fr", "de", "en"], "capacity": 10000, "notificationEmail": "p%d@partners.example",
                     "webhookUrl": "%s"}
                    """.formatted(i, i % 2 == 0 ? "GOLD" : "SILVER", COUNTRIES[i % 6], COUNTRIES[(i + 1) % 6],
                    PRODUCTS[i % 6], PRODUCTS[(i + 2) % 6], i, partners.url("/p" + i)), 201);
        }
    }

    private String postLead(int n) throws Exception {
        String body = post(intake.url().resolve("/api/leads"), """
                {"contact": {"email": "customer-%s@example.org"}, "need": {"products": ["%s"], "services": ["migration"]},
                 "location": {"country": "%s"}, "language": "fr", "consent": true}
                """.formatted(UUID.randomUUID(), PRODUCTS[n % 6], COUNTRIES[n % 6]), 202);
        return json.readTree(body).get("leadId").asString();
    }

    /** Waits until this many more leads have their offer webhook. */
    private void awaitProgress(int leads) {
        int from = offersByLead().size();
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> offersByLead().size() >= Math.min(from + leads, LEADS));
    }

    /** The webhook-ids of the offers each lead's partner received. */
    private Map<String, Set<String>> offersByLead() {
        Map<String, Set<String>> offers = new ConcurrentHashMap<>();
        for (WebhookReceiver.Received request : partners.received(request -> request.body().contains("lead.offered"))) {
            JsonNode payload = json.readTree(request.body());
            String leadId = payload.get("leadId").asString();
            offers.computeIfAbsent(leadId, lead -> ConcurrentHashMap.newKeySet()).add(request.header("webhook-id"));
        }
        return offers;
    }

    /** How many times each offer email's Message-ID arrived. */
    private Map<String, Long> offerEmails() {
        return Stream.of(smtp.getReceivedMessages()).filter(FaultsIT::isOffer).map(FaultsIT::messageId)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    private Map<String, Set<UUID>> assignmentsByLead(Set<String> leads) {
        EventCodec codec = new EventCodec();
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers(), Topics.ASSIGNMENTS)) {
            // until every lead has one: a LeadAssigned relayed twice after a router kill (the same event id) is a record more,
            // so counting records alone could stop before the last lead's was read
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> assigned = record -> leads.contains(record.key())
                    && EventTypes.LEAD_ASSIGNED.equals(TopicProbe.header(record, "ce_type"));
            List<ConsumerRecord<String, byte[]>> records = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO)
                    .until(() -> probe.recordsAfter(Duration.ofMillis(500), assigned),
                            found -> found.stream().map(ConsumerRecord::key).distinct().count() >= leads.size());
            Map<String, Set<UUID>> byLead = new ConcurrentHashMap<>();
            records.forEach(record -> byLead.computeIfAbsent(record.key(), lead -> Collections.synchronizedSet(new java.util.HashSet<>()))
                    .add(codec.read(EventTypes.LEAD_ASSIGNED, record.value(), LeadAssigned.class).assignmentId()));
            return byLead;
        }
    }

    private static boolean isOffer(MimeMessage message) {
        try {
            // the delivery's key: <assignmentId>:offer:EMAIL:<language>
            String[] delivery = message.getHeader("X-LeadRelay-Delivery");
            return delivery != null && delivery.length > 0 && delivery[0].contains(":offer:");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String post(URI uri, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", OPERATOR).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    private static ServiceProcess start(String service, Path logs, List<String> arguments) {
        ServiceProcess started = ServiceProcess.start(service, logs, arguments);
        services.add(started);
        return started;
    }

    private static List<String> concat(List<String> arguments, String... more) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of(more));
        return all;
    }
}

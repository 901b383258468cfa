package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.header;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.LeadRouterApplication;
import org.leadrelay.router.partners.PartnerReplica;
import org.leadrelay.testing.InfrastructureExtension;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * R11 (docs/reliability.md): the router's database goes away under load and comes back. The
 * consumers wait and retry; nothing is dead-lettered; every lead is decided exactly once
 * afterwards; health says the database is down while it is.
 *
 * <p>The router runs against a MongoDB-wire server of this test's own, which it stops and starts
 * again on the same port with the same data, while the broker stays up.
 */
@WithInfrastructure
class DatabaseOutageIT {

    private static final String SOURCE = "/leadrelay/lead-router-outage-test";
    private static final String COUNTRY = "ZO";
    /** What the leads ask for and only this test's partner offers: other tests' partners may cover any country. */
    private static final String PRODUCT = "outage-drill";
    private static final String BINDING = "leadReceived-in-0";
    private static final String GROUP = "outage-test.leads-received";
    private static final String DATABASE = "lead-router-outage";
    private static final int LEADS = 200;
    /** Partitions of leads.received.v2 (leadrelay.events.partitions), one consumer thread and one record in flight each. */
    private static final int PARTITIONS = 3;
    /** The binding's max-attempts (lead-router.yml), which used to be all a record got before the dead-letter topic. */
    private static final int MAX_ATTEMPTS = 3;
    /**
     * How long one attempt waits for the database here: the driver's server-selection timeout,
     * 1 s instead of the default 30 s, so that an attempt fails fast and many fit in the outage.
     */
    private static final Duration ATTEMPT = Duration.ofSeconds(1);
    /**
     * The old retry budget: max-attempts attempts, each waiting out the server selection, with the
     * back-off between them (200 ms, then 400 ms). In production it is 3 x 30 s + 0.6 s, about
     * 91 s, against the 5-minute outage (3.3 times as long); here 3 x 1 s + 0.6 s, and the
     * outage is held {@link #OUTAGE}, over 8 times as long. Under the old handling every record in
     * flight would have been dead-lettered within the first {@code OLD_BUDGET} of it.
     */
    private static final Duration OLD_BUDGET = ATTEMPT.multipliedBy(MAX_ATTEMPTS).plusMillis(600);
    /** 30 s in the suite; {@code -Dleadrelay.outage.seconds=300} holds it the 5 minutes. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("leadrelay.outage.seconds", 30));
    private static final String OPERATOR = "Basic "
            + Base64.getEncoder().encodeToString("operator:local-operator-password".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = new JsonMapper();

    @Test
    void theConsumersWaitOutADatabaseOutageAndDecideEveryLeadOnceWithoutDeadLetteringAny() throws Exception {
        SurvivingMemory data = new SurvivingMemory();
        MongoServer database = new MongoServer(data);
        database.bind("127.0.0.1", 0);
        int port = database.getLocalAddress().getPort();
        ConfigurableApplicationContext router = null;
        try (TopicProbe kafka = TopicProbe.on(Topics.ASSIGNMENTS, Topics.deadLetterOf(Topics.LEADS_RECEIVED))) {
            startAtTheEndOf(Topics.LEADS_RECEIVED, GROUP);
            router = start(port);
            int httpPort = Integer.parseInt(router.getEnvironment().getProperty("local.server.port"));
            UUID partner = UUID.randomUUID();
            kafka.publish(new PartnerUpserted(partner, "Always There", "GOLD", List.of(COUNTRY), List.of(PRODUCT),
                    List.of("fr"), 10 * LEADS, "leads@partner.example", null, true, 1, Fixtures.NOW));
            PartnerReplica replica = router.getBean(PartnerReplica.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> replica.holds(partner, 1));

            Set<String> keys = new HashSet<>();
            for (int i = 0; i < LEADS / 2; i++) {
                write(kafka, keys);
            }
            // under way: some decided, others still being routed when the database goes
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> decided(kafka, keys).size() >= LEADS / 5);

            database.shutdownNow();
            long down = System.nanoTime();
            int decidedBefore = decided(kafka, keys).size();
            for (int i = 0; i < LEADS / 4; i++) {
                write(kafka, keys);
            }
            await("health says the database is down").atMost(Duration.ofSeconds(15))
                    .until(() -> databaseDown(httpPort));
            for (int i = 0; i < LEADS / 4; i++) {
                write(kafka, keys);
            }
            Counter unavailable = router.getBean(MeterRegistry.class).get("leadrelay.consumer.failures")
                    .tags("binding", BINDING, "failure", "unavailable").counter();
            // held well past the old budget: health stays down and nothing lands on the dead-letter topic
            Duration left = OUTAGE.minusNanos(System.nanoTime() - down);
            await("the outage held").pollInSameThread().during(left).atMost(left.plusSeconds(15)).until(() ->
                    deadLettered(kafka, keys).isEmpty() && databaseDown(httpPort));
            Duration outage = Duration.ofNanos(System.nanoTime() - down);
            int decidedDuring = decided(kafka, keys).size() - decidedBefore;
            double retried = unavailable.count();
            // one record in flight per partition: more failed attempts than max-attempts for each of them means
            // at least one record was tried more often than the old handling allowed, and it still is not dead-lettered
            assertThat(retried).as("failed attempts while the database was away").isGreaterThan(MAX_ATTEMPTS * PARTITIONS);
            assertThat(outage).isGreaterThan(OLD_BUDGET.multipliedBy(5));

            database = new MongoServer(data);
            database.bind("127.0.0.1", port);
            long up = System.nanoTime();
            await("every lead decided").atMost(Duration.ofSeconds(60)).pollInSameThread()
                    .until(() -> decided(kafka, keys).size() == LEADS);
            Duration drained = Duration.ofNanos(System.nanoTime() - up);
            await("health says the database is back").atMost(Duration.ofSeconds(30)).until(() -> health(httpPort, null).statusCode() == 200);

            List<ConsumerRecord<String, byte[]>> decisions = kafka.recordsAfter(Duration.ofSeconds(2), decision(keys));
            Map<String, Set<String>> idsByLead = new HashMap<>();
            decisions.forEach(record -> idsByLead.computeIfAbsent(record.key(), key -> new HashSet<>()).add(header(record, "ce_id")));
            assertThat(idsByLead).hasSize(LEADS);
            assertThat(idsByLead.values()).as("one decision per lead").allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertThat(decisions).extracting(record -> header(record, "ce_type")).containsOnly(EventTypes.LEAD_ASSIGNED);
            assertThat(decisions).extracting(record -> TopicProbe.event(record, LeadAssigned.class).partnerId()).containsOnly(partner);
            assertThat(deadLettered(kafka, keys)).as("dead-lettered leads").isEmpty();
            long placesHeld;
            try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                    .uuidRepresentation(UuidRepresentation.STANDARD).build())) {
                MongoDatabase stored = client.getDatabase(DATABASE);
                // this test's leads only: the erasures of other tests' leads, read from leads.erasures.v1's start, leave erased cases
                Document ours = new Document("_id", new Document("$in", keys.stream().map(UUID::fromString).toList()));
                assertThat(stored.getCollection("leads").countDocuments(ours)).isEqualTo(LEADS);
                assertThat(stored.getCollection("leads").find(ours)).as("one offer per lead case")
                        .allSatisfy(leadCase -> assertThat(leadCase.getList("attempts", Document.class)).hasSize(1));
                Document load = stored.getCollection("partner_loads").find(new Document("_id", partner)).first();
                placesHeld = load == null ? 0 : load.getInteger("count", 0);
            }
            // every offer holds its place; an attempt cut off after its reservation, before its case was written, leaves
            // one more held until that offer's deadline, when its timer gives it back (ManagingAssignments.expire)
            assertThat(placesHeld).isGreaterThanOrEqualTo(LEADS);
            System.out.printf("R11: %d leads (%d written while the database was down), database down %.1f s (%.1f times the old"
                            + " retry budget of %.1f s), %.0f failed attempts retried, %d dead-lettered, %d decided during the outage,"
                            + " every lead decided once (%d decision records, %d repeats of the same event id), all decided %.1f s"
                            + " after the database came back; the partner holds %d places for them%n",
                    LEADS, LEADS / 2, outage.toMillis() / 1e3, (double) outage.toMillis() / OLD_BUDGET.toMillis(),
                    OLD_BUDGET.toMillis() / 1e3, retried, deadLettered(kafka, keys).size(), decidedDuring, decisions.size(),
                    decisions.size() - LEADS, drained.toMillis() / 1e3, placesHeld);
        } finally {
            if (router != null) {
                router.close();
            }
            database.shutdownNow();
        }
    }

    private static ConfigurableApplicationContext start(int databasePort) {
        return LeadRouterApplication.application().run(
                "--server.port=0",
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + databasePort + "/?serverSelectionTimeoutMS=" + ATTEMPT.toMillis()
                        + "&connectTimeoutMS=" + ATTEMPT.toMillis(),
                "--spring.mongodb.database=" + DATABASE,
                "--leadrelay.events.source=" + SOURCE,
                "--spring.cloud.stream.bindings.leadReceived-in-0.group=" + GROUP,
                "--spring.cloud.stream.bindings.partnerUpserted-in-0.group=outage-test.partners",
                "--spring.cloud.stream.bindings.leadErased-in-0.group=outage-test.erasures");
    }

    /**
     * Commits the group's offsets at the topic's end, so the router reads only this test's leads,
     * not the backlog other tests left on the shared broker.
     */
    private static void startAtTheEndOf(String topic, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty(InfrastructureExtension.KAFKA_PROPERTY)))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return; // no backlog: the router declares the topic
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(ends).all().get().forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        }
    }

    private static void write(TopicProbe kafka, Set<String> keys) {
        LeadReceived lead = Fixtures.lead(COUNTRY, "fr", List.of(PRODUCT), List.of());
        keys.add(lead.leadId().toString());
        kafka.publish(lead);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> decision(Set<String> keys) {
        return record -> Topics.ASSIGNMENTS.equals(record.topic()) && SOURCE.equals(header(record, "ce_source")) && keys.contains(record.key())
                && (EventTypes.LEAD_ASSIGNED.equals(header(record, "ce_type")) || EventTypes.LEAD_UNROUTABLE.equals(header(record, "ce_type")));
    }

    private static Set<String> decided(TopicProbe kafka, Set<String> keys) {
        Set<String> decided = new HashSet<>();
        kafka.recordsAfter(Duration.ofMillis(100), decision(keys)).forEach(record -> decided.add(record.key()));
        return decided;
    }

    private static List<ConsumerRecord<String, byte[]>> deadLettered(TopicProbe kafka, Set<String> keys) {
        return kafka.recordsAfter(Duration.ofMillis(100), record -> Topics.deadLetterOf(Topics.LEADS_RECEIVED).equals(record.topic())
                && keys.contains(record.key()));
    }

    /** Health as anyone sees it (down, 503) and as an operator does: the database is the component down. */
    private boolean databaseDown(int port) throws Exception {
        HttpResponse<String> anyone = health(port, null);
        HttpResponse<String> operator = health(port, OPERATOR);
        return anyone.statusCode() == 503 && "DOWN".equals(json.readTree(anyone.body()).path("status").asString())
                && "DOWN".equals(json.readTree(operator.body()).at("/components/mongo/status").asString());
    }

    private HttpResponse<String> health(int port, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The database's data, kept across its restarts: stopping a server closes its backend, which would empty it. */
    private static final class SurvivingMemory extends MemoryBackend {

        @Override
        public void close() {
        }
    }
}

package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.header;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssignmentExpired;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.LeadRouterApplication;
import org.leadrelay.router.partners.PartnerReplica;
import org.leadrelay.testing.InfrastructureExtension;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three router instances share the work through their consumer group and one database: 1,000
 * leads, capacities tight enough to bind, two-second deadlines, and one instance stopped midway.
 * No lead is lost, none is offered to two partners at once, no partner ever holds more than its
 * capacity, and every deadline fires exactly once.
 */
@WithInfrastructure
class RouterInstancesIT {

    private static final Logger log = LoggerFactory.getLogger(RouterInstancesIT.class);
    private static final String SOURCE = "/leadrelay/lead-router-instances-test";
    private static final String DATABASE = "lead-router-instances";
    private static final String COUNTRY = "ZS";
    private static final int LEADS = 1_000;
    private static final int PARTNERS = 10;
    private static final int CAPACITY = 3;

    @Test
    void threeInstancesShareTheWorkWithinEveryCapacityAndFireEachDeadlineOnce() throws Exception {
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        Map<String, Integer> highestLoad = new ConcurrentHashMap<>();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        try (TopicProbe kafka = TopicProbe.on(Topics.ASSIGNMENTS); MongoClient mongo = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(System.getProperty(InfrastructureExtension.MONGO_PROPERTY)))
                .uuidRepresentation(org.bson.UuidRepresentation.STANDARD).build())) {
            MongoDatabase database = mongo.getDatabase(DATABASE);
            for (int i = 0; i < 3; i++) {
                instances.add(instance(i));
            }
            List<UUID> partners = new ArrayList<>();
            for (int i = 0; i < PARTNERS; i++) {
                UUID id = UUID.randomUUID();
                partners.add(id);
                kafka.publish(new PartnerUpserted(id, "Capped " + i, i % 2 == 0 ? "GOLD" : "SILVER", List.of(COUNTRY),
                        List.of("postgresql", "migration"), List.of("fr"), CAPACITY, "leads@partner.example", null, true, 1, Fixtures.NOW,
                        "ACTIVE", null, null, null, null, null, null, null, null, Duration.ofSeconds(2), null, null, null, null, null));
            }
            // the instances read partners.v1 from its start, so their copy holds other tests' partners too
            await().atMost(Duration.ofSeconds(120)).until(() -> database.getCollection("partners")
                    .countDocuments(new Document("_id", new Document("$in", partners))) == PARTNERS);
            // and each instance's in-memory replica, which routing reads
            await().atMost(Duration.ofSeconds(60)).until(() -> instances.stream().map(instance -> instance.getBean(PartnerReplica.class))
                    .allMatch(replica -> partners.stream().allMatch(id -> replica.holds(id, 1))));
            watcher.scheduleWithFixedDelay(() -> {
                for (Document load : database.getCollection("partner_loads").find(new Document("_id", new Document("$in", partners)))) {
                    highestLoad.merge(load.get("_id").toString(), load.getInteger("count", 0), Math::max);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);

            Set<UUID> leads = new HashSet<>();
            for (int i = 0; i < LEADS; i++) {
                LeadReceived lead = Fixtures.lead(COUNTRY, "fr", List.of("postgresql"), List.of("migration"));
                leads.add(lead.leadId());
                kafka.publish(lead);
                if (i == LEADS / 3) {
                    Document published = new Document("_id", new Document("$in", new ArrayList<>(leads)));
                    await().atMost(Duration.ofSeconds(60)).until(() -> database.getCollection("leads").countDocuments(published) >= LEADS / 4);
                    instances.remove(2).close(); // one instance goes away midway, holding partitions and perhaps deadlines
                    log.info("stopped one instance after {} leads", i);
                }
            }

            Document ours = new Document("_id", new Document("$in", new ArrayList<>(leads)));
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    database.getCollection("leads").countDocuments(ours) == LEADS
                            && database.getCollection("leads").countDocuments(new Document("$and", List.of(ours, new Document("state", "OFFERED")))) == 0
                            && database.getCollection("leads").countDocuments(new Document("$and", List.of(ours, new Document("pending.0", new Document("$exists", true))))) == 0
                            && database.getCollection("relay_marks").countDocuments(
                                    new Document("_id", new Document("$in", leads.stream().map(Object::toString).toList()))) == 0);
            watcher.shutdownNow();

            // no lead lost: each has its case, and its first decision is on the topic
            long expiredInDatabase = 0;
            for (Document leadCase : database.getCollection("leads").find(ours)) {
                expiredInDatabase += leadCase.getList("attempts", Document.class).stream()
                        .filter(attempt -> "EXPIRED".equals(attempt.getString("outcome"))).count();
            }
            kafka.awaitRecords(record -> SOURCE.equals(header(record, "ce_source"))
                    && (EventTypes.LEAD_ASSIGNED.equals(header(record, "ce_type")) || EventTypes.LEAD_UNROUTABLE.equals(header(record, "ce_type"))),
                    LEADS);
            kafka.awaitRecords(record -> SOURCE.equals(header(record, "ce_source"))
                    && EventTypes.LEAD_ASSIGNMENT_EXPIRED.equals(header(record, "ce_type")), (int) expiredInDatabase);
            List<ConsumerRecord<String, byte[]>> records = kafka.recordsAfter(Duration.ofSeconds(2),
                    record -> SOURCE.equals(header(record, "ce_source")));
            Set<String> decided = new HashSet<>();
            Map<String, Set<String>> expiryIdsByAssignment = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                String type = header(record, "ce_type");
                if (EventTypes.LEAD_ASSIGNED.equals(type) || EventTypes.LEAD_UNROUTABLE.equals(type)) {
                    decided.add(record.key());
                }
                if (EventTypes.LEAD_ASSIGNMENT_EXPIRED.equals(type)) {
                    LeadAssignmentExpired expired = TopicProbe.event(record, LeadAssignmentExpired.class);
                    expiryIdsByAssignment.computeIfAbsent(expired.assignmentId().toString(), id -> new HashSet<>()).add(header(record, "ce_id"));
                }
            }
            assertThat(leads).allSatisfy(lead -> assertThat(decided).contains(lead.toString()));

            int expiredAttempts = 0;
            int offers = 0;
            for (Document leadCase : database.getCollection("leads").find(ours)) {
                List<Document> attempts = leadCase.getList("attempts", Document.class);
                offers += attempts.size();
                // never offered to two partners at once: at most one offer open, and none once the lead is settled
                assertThat(attempts.stream().filter(attempt -> "PENDING".equals(attempt.getString("outcome")))).hasSizeLessThanOrEqualTo(1);
                assertThat(attempts.stream().map(attempt -> attempt.get("partnerId")).distinct()).hasSameSizeAs(attempts);
                for (Document attempt : attempts) {
                    if ("EXPIRED".equals(attempt.getString("outcome"))) {
                        expiredAttempts++;
                        // fired once: one expiry event (one id, however often relayed) per expired offer, never before its deadline
                        assertThat(expiryIdsByAssignment.get(attempt.get("assignmentId").toString()))
                                .as("expiry events of %s in %s", attempt.get("assignmentId"), leadCase.toJson()).hasSize(1);
                        assertThat(attempt.getDate("answeredAt")).isAfterOrEqualTo(attempt.getDate("respondBy"));
                    }
                }
            }
            assertThat(expiryIdsByAssignment).hasSize(expiredAttempts);
            assertThat(expiredAttempts).isPositive();
            // no capacity exceeded, at any moment the watcher saw, and every offer's place given back
            assertThat(highestLoad.values()).isNotEmpty().allSatisfy(load -> assertThat(load).isLessThanOrEqualTo(CAPACITY));
            assertThat(highestLoad.values()).contains(CAPACITY);
            for (Document load : database.getCollection("partner_loads").find(new Document("_id", new Document("$in", partners)))) {
                assertThat(load.getInteger("count")).isZero();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> database.getCollection("timers").countDocuments(new Document("partnerId", new Document("$in", partners))) == 0);
            log.info("{} leads, {} offers, {} expired once each, highest loads {}", LEADS, offers, expiredAttempts, highestLoad.values());
        } finally {
            watcher.shutdownNow();
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    @Test
    void anEmptyPartnerCopyIsRebuiltFromTheCompactedTopic() {
        UUID partner = UUID.randomUUID();
        String[] rebuilding = {"--server.port=0", "--spring.mongodb.database=lead-router-rebuild", "--leadrelay.events.source=" + SOURCE,
                "--spring.cloud.stream.bindings.leadReceived-in-0.group=rebuild-test.leads-received",
                "--spring.cloud.stream.bindings.partnerUpserted-in-0.group=rebuild-test.partners",
                "--spring.cloud.stream.bindings.leadErased-in-0.group=rebuild-test.erasures"};
        try (TopicProbe kafka = TopicProbe.on(Topics.PARTNERS); MongoClient mongo = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(System.getProperty(InfrastructureExtension.MONGO_PROPERTY)))
                .uuidRepresentation(org.bson.UuidRepresentation.STANDARD).build())) {
            MongoDatabase database = mongo.getDatabase("lead-router-rebuild");
            Document ours = new Document("_id", partner);
            try (ConfigurableApplicationContext first = LeadRouterApplication.application().run(rebuilding)) {
                kafka.publish(Fixtures.partnerUpserted(partner, "Rebuilt", "GOLD", List.of("ZR"), List.of("postgresql"), List.of("fr"), 1));
                await().atMost(Duration.ofSeconds(60)).until(() -> database.getCollection("partners").countDocuments(ours) == 1);
            } // stopping commits the group's offsets past the partner's record

            database.getCollection("partners").drop(); // a wiped database

            try (ConfigurableApplicationContext second = LeadRouterApplication.application().run(rebuilding)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> database.getCollection("partners").countDocuments(ours) == 1);
                // the in-memory replica, read from the topic's start whatever the group's offsets, holds it too, and says it is ready
                PartnerReplica replica = second.getBean(PartnerReplica.class);
                await().atMost(Duration.ofSeconds(60)).until(replica::ready);
                assertThat(replica.holds(partner, 1)).isTrue();
                assertThat(replica.index().partnerWithId(partner).name()).isEqualTo("Rebuilt");
            }
        }
    }

    private static ConfigurableApplicationContext instance(int number) {
        return LeadRouterApplication.application().run(
                "--server.port=0",
                "--spring.mongodb.database=" + DATABASE,
                "--leadrelay.events.source=" + SOURCE,
                "--spring.cloud.stream.bindings.leadReceived-in-0.group=instances-test.leads-received",
                "--spring.cloud.stream.bindings.partnerUpserted-in-0.group=instances-test.partners",
                "--spring.cloud.stream.bindings.leadErased-in-0.group=instances-test.erasures",
                "--leadrelay.router.deadline-poll=100ms",
                "--leadrelay.router.deadline-lease=3s",
                "--leadrelay.router.max-attempts=3",
                "--leadrelay.events.sweep-interval=1s",
                "--leadrelay.events.send-timeout=2s",
                "--leadrelay.events.sweep-grace=3s");
    }
}

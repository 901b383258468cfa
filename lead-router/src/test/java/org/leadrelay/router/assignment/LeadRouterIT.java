package org.leadrelay.router.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.leadrelay.testing.TopicProbe.event;
import static org.leadrelay.testing.TopicProbe.header;
import static org.leadrelay.testing.TopicProbe.keyed;
import static org.leadrelay.testing.TopicProbe.ofType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Absence;
import org.leadrelay.events.CloudEventHeaders;
import org.leadrelay.events.EventCodec;
import org.leadrelay.events.EventEnvelope;
import org.leadrelay.events.EventTypes;
import org.leadrelay.events.LeadAssigned;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.LeadUnroutable;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.events.Topics;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.LeadRouterApplication;
import org.leadrelay.router.partners.PartnerCopies;
import org.leadrelay.router.partners.PartnerReplica;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.testing.LeadKeyServer;
import org.leadrelay.testing.TopicProbe;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@WithInfrastructure
@SpringBootTest(classes = LeadRouterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=" + LeadRouterApplication.CONFIG_NAME)
class LeadRouterIT {

    private static TopicProbe kafka;

    @Autowired
    PartnerCopies partners;

    @Autowired
    PartnerReplica replica;

    @BeforeAll
    static void connect() {
        kafka = TopicProbe.on(Topics.ASSIGNMENTS, Topics.deadLetterOf(Topics.LEADS_RECEIVED), Topics.deadLetterOf(Topics.PARTNERS));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void assignsALeadToTheBestMatchingPartnerAndExplainsWhy() {
        String country = Fixtures.uniqueCountry();
        UUID best = UUID.randomUUID();
        UUID weaker = UUID.randomUUID();
        kafka.publish(Fixtures.partnerUpserted(best, "Lyon Open Source", "GOLD", List.of(country), List.of("postgresql", "migration"), List.of("fr"), 1));
        kafka.publish(Fixtures.partnerUpserted(weaker, "PG Only", "SILVER", List.of(country), List.of("postgresql"), List.of("fr"), 1));
        awaitPartners(country, 2);

        LeadReceived lead = Fixtures.lead(country, "fr", List.of("postgresql"), List.of("migration"));
        kafka.publish(lead);

        var record = kafka.awaitRecord(keyed(lead.leadId()));
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.LEAD_ASSIGNED);
        assertThat(header(record, "ce_source")).isEqualTo("/leadrelay/lead-router");
        LeadAssigned assigned = event(record, LeadAssigned.class);
        assertThat(assigned.partnerId()).isEqualTo(best);
        assertThat(assigned.score().components()).extracting(component -> component.criterion())
                .contains("speciality", "tier", "fairness");
        assertThat(assigned.score().total()).isGreaterThan(assigned.fallbacks().get(0).score());
        assertThat(assigned.fallbacks()).extracting(fallback -> fallback.partnerId()).containsExactly(weaker);
        assertThat(assigned.lead().need().products()).containsExactly("postgresql");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(LeadKeyServer.open(lead.leadId(), lead.personal()).contact().email());
        assertThat(assigned.respondBy()).isAfter(assigned.assignedAt());
        // what the console's fairness ledger sums: each eligible partner's share of the lead, by its tier's weight
        assertThat(assigned.expectedShares().partners()).containsOnlyKeys(best, weaker);
        assertThat(assigned.expectedShares().total()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(assigned.expectedShares().partners().get(best)).isGreaterThan(assigned.expectedShares().partners().get(weaker));
    }

    @Test
    void publishesLeadUnroutableWhenNoPartnerFits() {
        LeadReceived lead = Fixtures.lead(Fixtures.uniqueCountry(), "en", List.of("cobol"), List.of());

        kafka.publish(lead);

        LeadUnroutable unroutable = event(kafka.awaitRecord(keyed(lead.leadId())), LeadUnroutable.class);
        assertThat(unroutable.reason()).startsWith("no partner covers");
    }

    @Test
    void theSameLeadTwiceIsRoutedOnce() {
        String country = Fixtures.uniqueCountry();
        kafka.publish(Fixtures.partnerUpserted(UUID.randomUUID(), "Only One", "GOLD", List.of(country), List.of("java"), List.of("en"), 1));
        awaitPartners(country, 1);
        LeadReceived lead = Fixtures.lead(country, "en", List.of("java"), List.of());
        EventEnvelope<LeadReceived> envelope = EventEnvelope.of(UUID.randomUUID(), "/leadrelay/tests", Instant.now(), lead);

        kafka.publish(envelope);
        kafka.publish(envelope);

        kafka.awaitRecord(keyed(lead.leadId()));
        assertThat(kafka.recordsAfter(Duration.ofSeconds(2), keyed(lead.leadId()))).hasSize(1);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithTheReasonAndTheNextIsProcessed() {
        String poisonKey = UUID.randomUUID().toString();
        Map<String, byte[]> headers = CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.LEAD_RECEIVED, "/evil", Instant.now());
        kafka.send(Topics.LEADS_RECEIVED, poisonKey, headers, "{\"leadId\": \"not even close\"}".getBytes(StandardCharsets.UTF_8));
        LeadReceived next = Fixtures.lead(Fixtures.uniqueCountry(), "en", List.of("java"), List.of());
        kafka.publish(next);

        var dead = kafka.awaitRecord(keyed(poisonKey).and(record -> record.topic().equals(Topics.deadLetterOf(Topics.LEADS_RECEIVED))));
        assertThat(header(dead, "x-exception-message")).contains("breaks its schema");
        assertThat(header(dead, "x-original-topic")).isEqualTo(Topics.LEADS_RECEIVED);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"leadId\": \"not even close\"}");
        kafka.awaitRecord(keyed(next.leadId()).and(ofType(EventTypes.LEAD_UNROUTABLE)));
    }

    /**
     * R4 (docs/reliability.md): a thousand records on one partition (one key), the 501st poison:
     * it alone goes to the dead-letter topic with its reason, and the 999 others are decided, in the
     * order they were written.
     */
    @Test
    void onePoisonRecordAmongAThousandOnOnePartitionIsDeadLetteredAndTheOthersAreDecidedInOrder() {
        String country = Fixtures.uniqueCountry();
        String partitionKey = "r4-" + UUID.randomUUID();
        EventCodec codec = new EventCodec();
        List<UUID> written = new java.util.ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            if (i == 500) {
                kafka.send(Topics.LEADS_RECEIVED, partitionKey,
                        CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.LEAD_RECEIVED, "/r4", Instant.now()),
                        "{\"leadId\": \"poison\"}".getBytes(StandardCharsets.UTF_8));
                continue;
            }
            LeadReceived lead = Fixtures.lead(country, "en", List.of("java"), List.of());
            kafka.send(Topics.LEADS_RECEIVED, partitionKey,
                    CloudEventHeaders.toHeaders(EventEnvelope.of(UUID.randomUUID(), "/r4", Instant.now(), lead)), codec.write(lead));
            written.add(lead.leadId());
        }
        java.util.Set<String> keys = written.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet());

        var dead = kafka.awaitRecord(keyed(partitionKey).and(record -> record.topic().equals(Topics.deadLetterOf(Topics.LEADS_RECEIVED))));
        assertThat(header(dead, "x-exception-message")).contains("breaks its schema");
        java.util.Map<UUID, Instant> decided = new java.util.HashMap<>();
        Awaitility.await().atMost(Duration.ofSeconds(180)).until(() -> {
            for (var record : kafka.recordsAfter(Duration.ofMillis(200), record -> keys.contains(record.key())
                    && EventTypes.LEAD_UNROUTABLE.equals(header(record, "ce_type")))) {
                decided.putIfAbsent(UUID.fromString(record.key()), event(record, LeadUnroutable.class).decidedAt());
            }
            return decided.size() == written.size();
        });
        List<Instant> inWrittenOrder = written.stream().map(decided::get).toList();
        assertThat(inWrittenOrder).as("decided in the order written").isSorted();
        assertThat(kafka.recordsAfter(Duration.ofMillis(500), record -> record.topic().equals(Topics.deadLetterOf(Topics.LEADS_RECEIVED))
                && keyed(partitionKey).test(record))).as("only the poison record dead-lettered").hasSize(1);
        System.out.printf("R4: 1,000 records on one partition: 999 decided in order, 1 dead-lettered (%s), in %.1f s%n",
                header(dead, "x-exception-message").lines().findFirst().orElse(""), (System.nanoTime() - began) / 1e9);
    }

    @Test
    void ignoresAStaleRevisionOfAPartner() {
        String country = Fixtures.uniqueCountry();
        UUID id = UUID.randomUUID();
        kafka.publish(Fixtures.partnerUpserted(id, "Renamed", "GOLD", List.of(country), List.of("java"), List.of("en"), 2));
        awaitPartners(country, 1);

        kafka.publish(Fixtures.partnerUpserted(id, "Old Name", "GOLD", List.of(country), List.of("java"), List.of("en"), 1));
        String otherCountry = Fixtures.uniqueCountry();
        kafka.publish(Fixtures.partnerUpserted(UUID.randomUUID(), "Marker", "GOLD", List.of(otherCountry), List.of("java"), List.of("en"), 1));
        awaitPartners(otherCountry, 1);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(partners.coveringCountry(country)).singleElement()
                        .satisfies(partner -> assertThat(partner.name()).isEqualTo("Renamed")));
    }

    @Test
    void aDeletedPartnerGetsNoLeadAndItsTombstoneIsNotDeadLettered() {
        String country = Fixtures.uniqueCountry();
        UUID deleted = UUID.randomUUID();
        UUID remaining = UUID.randomUUID();
        kafka.publish(Fixtures.partnerUpserted(deleted, "Best But Gone", "PLATINUM", List.of(country), List.of("postgresql", "migration"), List.of("fr"), 1));
        kafka.publish(Fixtures.partnerUpserted(remaining, "Still Here", "SILVER", List.of(country), List.of("postgresql"), List.of("fr"), 1));
        awaitPartners(country, 2);

        tombstone(deleted);
        tombstone(deleted);
        UUID neverKnown = UUID.randomUUID();
        tombstone(neverKnown);
        awaitPartners(country, 1);

        LeadReceived lead = Fixtures.lead(country, "fr", List.of("postgresql"), List.of("migration"));
        kafka.publish(lead);
        LeadAssigned assigned = event(kafka.awaitRecord(keyed(lead.leadId())), LeadAssigned.class);
        assertThat(assigned.partnerId()).isEqualTo(remaining);
        assertThat(assigned.fallbacks()).isEmpty();
        assertThat(assigned.passedOver()).isEmpty();
        assertThat(kafka.recordsAfter(Duration.ofMillis(500), keyed(deleted).or(keyed(neverKnown)))).isEmpty();
    }

    @Test
    void aTombstoneWhoseKeyIsNoPartnerIdIsDeadLetteredAtOnce() {
        String key = "not-a-partner-id-" + UUID.randomUUID();

        kafka.send(Topics.PARTNERS, key, CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.PARTNER_DELETED, "/leadrelay/tests",
                Instant.now()), null);

        var dead = kafka.awaitRecord(keyed(key));
        assertThat(dead.topic()).isEqualTo(Topics.deadLetterOf(Topics.PARTNERS));
        assertThat(header(dead, "x-exception-message")).contains("is not a partnerId");
    }

    @Test
    void passesOverAPartnerOutOfOfficeAndKeepsEveryRoutingField() {
        String country = Fixtures.uniqueCountry();
        UUID onHoliday = UUID.randomUUID();
        UUID atWork = UUID.randomUUID();
        // the copy keeps instants to the millisecond, as MongoDB does
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        PartnerUpserted holidayMaker = Fixtures.fullPartnerUpserted(onHoliday, "On Holiday", "PLATINUM", country,
                new Absence(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))));
        kafka.publish(holidayMaker);
        kafka.publish(Fixtures.fullPartnerUpserted(atWork, "At Work", "SILVER", country,
                new Absence(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)))));
        awaitPartners(country, 2);
        assertThat(partners.coveringCountry(country)).contains(RoutablePartner.from(holidayMaker));

        LeadReceived lead = Fixtures.lead(country, "fr", List.of("postgresql"), List.of("migration"));
        kafka.publish(lead);

        LeadAssigned assigned = event(kafka.awaitRecord(keyed(lead.leadId())), LeadAssigned.class);
        assertThat(assigned.partnerId()).isEqualTo(atWork);
        assertThat(assigned.passedOver()).singleElement().satisfies(passed -> {
            assertThat(passed.partnerId()).isEqualTo(onHoliday);
            assertThat(passed.reason()).startsWith("out-of-office: out of office until");
        });
    }

    private void tombstone(UUID partnerId) {
        kafka.send(Topics.PARTNERS, partnerId.toString(),
                CloudEventHeaders.toHeaders(UUID.randomUUID(), EventTypes.PARTNER_DELETED, "/leadrelay/partner-directory", Instant.now()), null);
    }

    private void awaitPartners(String country, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> partners.coveringCountry(country).size() == count
                && replica.partners().stream().filter(partner -> partner.countries().contains(country)).count() == count);
    }
}

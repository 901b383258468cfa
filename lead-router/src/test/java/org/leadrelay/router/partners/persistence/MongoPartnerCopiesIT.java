package org.leadrelay.router.partners.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Absence;
import org.leadrelay.events.PartnerUpserted;
import org.leadrelay.kit.persistence.RevisionedCopies;
import org.leadrelay.router.Fixtures;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.testing.InfrastructureExtension;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The partner copy in the real (embedded) database: newer revisions replace it, older ones and
 * replays do not, tombstones remove it, and what it keeps of an event reads back as the partner the
 * event describes.
 */
@WithInfrastructure
class MongoPartnerCopiesIT {

    private static MongoClient client;
    private static MongoTemplate mongo;

    private MongoPartnerCopies copies;

    @BeforeAll
    static void connect() {
        client = InfrastructureExtension.mongoClient();
        mongo = new MongoTemplate(client, "lead-router-partner-copies");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyCopy() {
        mongo.dropCollection(MongoPartnerCopies.COLLECTION);
        copies = new MongoPartnerCopies(mongo);
    }

    @Test
    void aNewerRevisionReplacesTheCopyAndAnOlderOneDoesNot() {
        UUID id = UUID.randomUUID();
        PartnerUpserted before = Fixtures.partnerUpserted(id, "Moving", "GOLD", List.of("FR"), List.of("postgresql"), List.of("fr"), 1);
        PartnerUpserted after = Fixtures.partnerUpserted(id, "Moving", "GOLD", List.of("DE"), List.of("java"), List.of("fr"), 2);
        assertThat(copies.keep(before)).isTrue();

        assertThat(copies.keep(after)).isTrue();
        assertThat(copies.keep(before)).isFalse();
        assertThat(copies.keep(after)).isFalse();

        assertThat(copies.find(id)).hasValueSatisfying(copy -> {
            assertThat(copy.revision()).isEqualTo(2);
            assertThat(copy.countries()).containsExactly("DE");
        });
        assertThat(ids(copies.coveringCountry("FR"))).doesNotContain(id);
        assertThat(ids(copies.coveringCountry("DE"))).contains(id);
    }

    @Test
    void everyRoutingFieldOfTheEventReadsBackAsThePartnerItDescribes() {
        PartnerUpserted event = Fixtures.fullPartnerUpserted(UUID.randomUUID(), "Full", "PLATINUM", "FR",
                new Absence(Fixtures.NOW, Fixtures.NOW.plusSeconds(86_400)));

        copies.keep(event);

        assertThat(copies.find(event.partnerId())).contains(RoutablePartner.from(event));
        assertThat(copies.all()).containsExactly(RoutablePartner.from(event));
        assertThat(copies.coveringCountry("FR")).containsExactly(RoutablePartner.from(event));
    }

    @Test
    void aCopyKeptBeforeTheEventsLaterFieldsReadsWithTheirDefaults() {
        UUID id = UUID.randomUUID();
        // as the first versions wrote it: no status, none of the later fields, and a lookup field nothing reads now
        RevisionedCopies.keepIfNewer(mongo, MongoPartnerCopies.COLLECTION, id, 3, new Update()
                .set("name", "Early").set("tier", "SILVER").set("countries", List.of("FR")).set("specialities", List.of("postgresql"))
                .set("languages", List.of("fr")).set("capacity", 4).set("active", false).set("terms", List.of("postgresql")));

        assertThat(copies.find(id)).hasValueSatisfying(copy -> {
            assertThat(copy.status()).isEqualTo("PAUSED");
            assertThat(copy.takesLeads()).isFalse();
            assertThat(copy.revision()).isEqualTo(3);
            assertThat(copy.expertise()).isEmpty();
            assertThat(copy.serviceAreas()).isEmpty();
            assertThat(copy.weeklyCapacity()).isNull();
            assertThat(copy.answerDeadline()).isNull();
        });
    }

    @Test
    void aTombstoneRemovesTheCopyOnce() {
        PartnerUpserted partner = Fixtures.partnerUpserted(UUID.randomUUID(), "Leaving", "GOLD", List.of("FR"), List.of("postgresql"),
                List.of("fr"), 1);
        copies.keep(partner);

        assertThat(copies.remove(partner.partnerId())).isTrue();
        assertThat(copies.remove(partner.partnerId())).isFalse();
        assertThat(copies.find(partner.partnerId())).isEmpty();
        assertThat(copies.isEmpty()).isTrue();
    }

    private static List<UUID> ids(List<RoutablePartner> partners) {
        return partners.stream().map(RoutablePartner::id).toList();
    }
}

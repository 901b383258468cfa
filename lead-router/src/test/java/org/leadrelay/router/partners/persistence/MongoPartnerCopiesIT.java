package org.leadrelay.router.partners.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.partners.RoutablePartners.partner;

import com.mongodb.client.MongoClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.router.routing.RoutablePartner;
import org.leadrelay.testing.InfrastructureExtension;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The partner copy in the real (embedded) database: newer revisions replace it, older ones and replays do not, tombstones remove it. */
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
        RoutablePartner before = partner("Moving", List.of("FR"), List.of("postgresql"));
        assertThat(copies.keep(before)).isTrue();
        RoutablePartner after = new RoutablePartner(before.id(), before.name(), before.tier(), List.of("DE"), List.of("java"),
                before.languages(), before.capacity(), true, 2, "ACTIVE", null, List.of(), List.of(), List.of(), List.of(), null, null, null);

        assertThat(copies.keep(after)).isTrue();
        assertThat(copies.keep(before)).isFalse();
        assertThat(copies.keep(after)).isFalse();

        assertThat(copies.find(before.id())).hasValueSatisfying(copy -> {
            assertThat(copy.revision()).isEqualTo(2);
            assertThat(copy.countries()).containsExactly("DE");
        });
        assertThat(ids(copies.coveringCountry("FR"))).doesNotContain(before.id());
        assertThat(ids(copies.coveringCountry("DE"))).contains(before.id());
    }

    @Test
    void aTombstoneRemovesTheCopyOnce() {
        RoutablePartner partner = partner("Leaving", List.of("FR"), List.of("postgresql"));
        copies.keep(partner);

        assertThat(copies.remove(partner.id())).isTrue();
        assertThat(copies.remove(partner.id())).isFalse();
        assertThat(copies.find(partner.id())).isEmpty();
        assertThat(copies.isEmpty()).isTrue();
    }

    private static List<UUID> ids(List<RoutablePartner> partners) {
        return partners.stream().map(RoutablePartner::id).toList();
    }
}

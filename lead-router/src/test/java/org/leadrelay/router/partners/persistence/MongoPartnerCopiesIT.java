package org.leadrelay.router.partners.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.router.partners.RoutablePartners.LILLE;
import static org.leadrelay.router.partners.RoutablePartners.LYON;
import static org.leadrelay.router.partners.RoutablePartners.TOURNAI;
import static org.leadrelay.router.partners.RoutablePartners.lead;
import static org.leadrelay.router.partners.RoutablePartners.partner;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.Expertise;
import org.leadrelay.events.LeadReceived;
import org.leadrelay.events.ServiceArea;
import org.leadrelay.router.partners.RoutablePartners;
import org.leadrelay.router.partners.RoutablePartner;
import org.leadrelay.router.routing.PartnerIndex;
import org.leadrelay.testing.InfrastructureExtension;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The candidate lookup through the real (embedded) database: the same partners as a full scan, found by the stored lookup fields. */
@WithInfrastructure
class MongoPartnerCopiesIT {

    private static MongoClient client;
    private static MongoTemplate mongo;

    private MongoPartnerCopies copies;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(System.getProperty(InfrastructureExtension.MONGO_PROPERTY)))
                .uuidRepresentation(UuidRepresentation.STANDARD).build());
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
    void findsPartnersOfTheCountryRemoteOrInReachThatOfferATermAsked() {
        RoutablePartner postgresInFrance = partner("Postgres FR", List.of("FR"), List.of("postgresql"));
        RoutablePartner certifiedInFrance = partner("Certified FR", List.of("FR"), List.of(),
                List.of(new Expertise("PRODUCT", "postgresql", Expertise.CERTIFIED, LocalDate.parse("2027-01-01"))), List.of(), List.of());
        RoutablePartner javaInFrance = partner("Java FR", List.of("FR"), List.of("java"));
        RoutablePartner postgresInGermany = partner("Postgres DE", List.of("DE"), List.of("postgresql"));
        RoutablePartner remoteMigration = partner("Remote DE", List.of("DE"), List.of("migration"), List.of(), List.of(),
                List.of("migration"));
        RoutablePartner remoteTrainingOnly = partner("Remote training DE", List.of("DE"), List.of("postgresql"), List.of(), List.of(),
                List.of("training"));
        RoutablePartner tournai = partner("Tournai", List.of("BE"), List.of("postgresql"), List.of(),
                List.of(new ServiceArea("Tournai office", TOURNAI, 30)), List.of());
        RoutablePartner tournaiTooShort = partner("Tournai short", List.of("BE"), List.of("postgresql"), List.of(),
                List.of(new ServiceArea("Tournai office", TOURNAI, 20)), List.of());
        RoutablePartner tournaiJava = partner("Tournai java", List.of("BE"), List.of("java"), List.of(),
                List.of(new ServiceArea("Tournai office", TOURNAI, 30)), List.of());
        List.of(postgresInFrance, certifiedInFrance, javaInFrance, postgresInGermany, remoteMigration, remoteTrainingOnly, tournai,
                tournaiTooShort, tournaiJava).forEach(copies::keep);

        assertThat(ids(copies.candidatesFor(lead("FR", List.of("PostgreSQL"), List.of("migration"), LILLE))))
                .containsExactlyInAnyOrder(postgresInFrance.id(), certifiedInFrance.id(), remoteMigration.id(), tournai.id());
        assertThat(ids(copies.candidatesFor(lead("FR", List.of("postgresql"), List.of(), LYON))))
                .containsExactlyInAnyOrder(postgresInFrance.id(), certifiedInFrance.id());
        assertThat(copies.candidatesFor(lead("IT", List.of("cobol"), List.of("training"), LYON))).isEmpty();
    }

    @Test
    void aNewerRevisionMovesThePartnerInTheLookups() {
        RoutablePartner before = partner("Moving", List.of("FR"), List.of("postgresql"));
        copies.keep(before);
        RoutablePartner after = new RoutablePartner(before.id(), before.name(), before.tier(), List.of("DE"), List.of("java"),
                before.languages(), before.capacity(), true, 2, "ACTIVE", null, List.of(), List.of(), List.of(), List.of(), null, null, null);

        copies.keep(after);

        assertThat(copies.candidatesFor(lead("FR", List.of("postgresql"), List.of(), null))).isEmpty();
        assertThat(copies.candidatesFor(lead("DE", List.of("java"), List.of(), null))).extracting(RoutablePartner::revision)
                .containsExactly(2L);
    }

    @Test
    void copiesKeptBeforeTheLookupFieldsExistedAreFoundAfterARestart() {
        RoutablePartner old = partner("Old copy", List.of("FR"), List.of("postgresql"), List.of(),
                List.of(new ServiceArea(null, TOURNAI, 30)), List.of("migration"));
        copies.keep(old);
        mongo.getCollection(MongoPartnerCopies.COLLECTION).updateMany(new Document(), new Document("$unset",
                new Document("terms", "").append("countryTerms", "").append("areaTerms", "").append("areaBoxes", "").append("reach", "")));
        assertThat(copies.candidatesFor(lead("FR", List.of("postgresql"), List.of(), null))).isEmpty();

        MongoPartnerCopies restarted = new MongoPartnerCopies(mongo);

        assertThat(ids(restarted.candidatesFor(lead("FR", List.of("postgresql"), List.of(), null)))).containsExactly(old.id());
        assertThat(ids(restarted.candidatesFor(lead("DE", List.of("postgresql"), List.of("migration"), null)))).containsExactly(old.id());
        assertThat(ids(restarted.candidatesFor(lead("DE", List.of("postgresql"), List.of(), LILLE)))).containsExactly(old.id());
    }

    @Test
    void findsTheSamePartnersAsTheInMemoryIndexAndAFullScan() {
        Random random = new Random(3);
        List<RoutablePartner> partners = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            RoutablePartner partner = RoutablePartners.randomPartner(random, i);
            partners.add(partner);
            copies.keep(partner);
        }
        PartnerIndex index = PartnerIndex.of(partners);
        int found = 0;
        for (int i = 0; i < 60; i++) {
            LeadReceived lead = RoutablePartners.randomLead(random, i);
            List<UUID> expected = partners.stream().filter(partner -> RoutablePartners.relevant(partner, lead)).map(RoutablePartner::id)
                    .toList();

            List<UUID> fromDatabase = ids(copies.candidatesFor(lead));

            assertThat(fromDatabase).as("lead %d", i).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(new HashSet<>(fromDatabase)).isEqualTo(new HashSet<>(ids(index.candidatesFor(lead))));
            found += fromDatabase.size();
        }
        assertThat(found).isGreaterThan(60);
    }

    @Test
    void theCountryLookupStillListsEveryPartnerThatMightReachTheCountry() {
        RoutablePartner java = partner("Java FR", List.of("FR"), List.of("java"));
        RoutablePartner remote = partner("Remote DE", List.of("DE"), List.of("migration"), List.of(), List.of(), List.of("migration"));
        RoutablePartner elsewhere = partner("Postgres DE", List.of("DE"), List.of("postgresql"));
        List.of(java, remote, elsewhere).forEach(copies::keep);

        assertThat(ids(copies.candidatesFor("FR"))).containsExactlyInAnyOrder(java.id(), remote.id());
    }

    private static List<UUID> ids(List<RoutablePartner> partners) {
        return partners.stream().map(RoutablePartner::id).toList();
    }
}

package org.leadrelay.router.assignment.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.testing.InfrastructureExtension;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Capacity counters in the real (embedded) database: compare-and-set by key, never past the cap. */
@WithInfrastructure
class MongoPartnerLoadsIT {

    private static final String WEEK = "2026-W49";

    private static MongoClient client;
    private static MongoTemplate mongo;
    private MongoPartnerLoads loads;

    @BeforeAll
    static void connect() {
        client = InfrastructureExtension.mongoClient();
        mongo = new MongoTemplate(client, "lead-router-partner-loads");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void empty() {
        mongo.getDb().drop();
        loads = new MongoPartnerLoads(mongo);
    }

    @Test
    void instancesRacingForTheLastPlacesNeverPassTheCap() throws Exception {
        UUID partner = UUID.randomUUID();
        // two "instances" (their own repositories on the same database), four threads, twenty offers, five places
        List<MongoPartnerLoads> instances = List.of(loads, new MongoPartnerLoads(mongo));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> offers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                MongoPartnerLoads instance = instances.get(i % 2);
                UUID offer = UUID.randomUUID();
                offers.add(() -> instance.reserve(partner, offer, 5, 50, WEEK));
            }
            long granted = 0;
            for (Future<Boolean> offer : threads.invokeAll(offers)) {
                granted += offer.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(5);
            assertThat(loads.of(List.of(partner), WEEK).get(partner).open()).isEqualTo(5);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void reservingTheSameOfferTwiceTakesOnePlaceAndReleasingTwiceGivesOneBack() {
        UUID partner = UUID.randomUUID();
        UUID offer = UUID.randomUUID();

        assertThat(loads.reserve(partner, offer, 2, null, WEEK)).isTrue();
        assertThat(loads.reserve(partner, offer, 2, null, WEEK)).isTrue();
        assertThat(loads.of(List.of(partner), WEEK).get(partner).open()).isEqualTo(1);

        loads.release(partner, offer);
        loads.release(partner, offer);
        assertThat(loads.of(List.of(partner), WEEK).get(partner).open()).isZero();
    }

    @Test
    void theWeeklyCapRefusesAndGivesBackTheOpenPlace() {
        UUID partner = UUID.randomUUID();
        assertThat(loads.reserve(partner, UUID.randomUUID(), 10, 1, WEEK)).isTrue();

        UUID refused = UUID.randomUUID();
        assertThat(loads.reserve(partner, refused, 10, 1, WEEK)).isFalse();

        assertThat(loads.of(List.of(partner), WEEK).get(partner)).isEqualTo(new org.leadrelay.router.assignment.PartnerLoads.Load(1, 1));
    }

    @Test
    void aReservationOfAnOfferNeverStoredIsCancelledInItsWeek() {
        UUID partner = UUID.randomUUID();
        UUID orphan = UUID.randomUUID();
        loads.reserve(partner, orphan, 3, 3, WEEK);

        loads.cancel(partner, orphan, "2026-W48"); // a week it was not taken in: only the open place is given back
        loads.cancel(partner, orphan, WEEK);

        assertThat(loads.of(List.of(partner), WEEK).get(partner)).isEqualTo(new org.leadrelay.router.assignment.PartnerLoads.Load(0, 0));
    }
}

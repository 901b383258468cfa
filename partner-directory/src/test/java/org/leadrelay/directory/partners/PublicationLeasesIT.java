package org.leadrelay.directory.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.directory.PartnerDirectoryApplication;
import org.leadrelay.testing.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The publication lease on the real database: one holder at a time for each partner, whoever asks
 * (two instances are two holders); a lease that ran out can be taken over; giving back touches only
 * the giver's own leases.
 */
@WithInfrastructure
@SpringBootTest(classes = PartnerDirectoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + PartnerDirectoryApplication.CONFIG_NAME, "spring.mongodb.database=partner-directory-leases"})
class PublicationLeasesIT {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    PublicationLeases leases;

    @Test
    void one_holder_at_a_time_a_lapsed_lease_is_taken_over_and_each_gives_back_only_its_own() {
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        UUID three = UUID.randomUUID();

        assertThat(leases.take(List.of(one, two), "instance-a", NOW, NOW.plus(LEASE))).containsExactlyInAnyOrder(one, two);
        assertThat(leases.take(List.of(two, three), "instance-b", NOW.plusSeconds(1), NOW.plusSeconds(1).plus(LEASE)))
                .as("two is being sent by a").containsExactly(three);
        assertThat(leases.take(List.of(one), "instance-b", NOW.plusSeconds(1), NOW.plusSeconds(1).plus(LEASE))).isEmpty();

        // a's lease on two runs out (a crashed mid-send): b takes it over
        Instant later = NOW.plus(LEASE).plusSeconds(1);
        assertThat(leases.take(List.of(two), "instance-b", later, later.plus(LEASE))).containsExactly(two);

        // a, back, gives back what it thinks it holds: only one is still its own
        leases.give(List.of(one, two), "instance-a");
        assertThat(leases.take(List.of(one), "instance-c", later, later.plus(LEASE))).containsExactly(one);
        assertThat(leases.take(List.of(two, three), "instance-c", later, later.plus(LEASE))).as("b still holds them").isEmpty();

        leases.give(List.of(two, three), "instance-b");
        assertThat(leases.take(List.of(two, three), "instance-c", later, later.plus(LEASE))).containsExactlyInAnyOrder(two, three);
    }
}

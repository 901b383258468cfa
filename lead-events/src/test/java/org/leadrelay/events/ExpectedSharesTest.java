package org.leadrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExpectedSharesTest {

    @Test
    void keepsTheLargestSharesAndSumsTheRestWhenMoreThanFiveHundredPartnersWereEligible() {
        Map<UUID, Double> all = new HashMap<>();
        UUID biggest = UUID.randomUUID();
        all.put(biggest, 0.1);
        for (int i = 0; i < 900; i++) {
            all.put(UUID.randomUUID(), 0.9 / 900);
        }
        ExpectedShares shares = ExpectedShares.of(all);
        assertThat(shares.partners()).hasSize(ExpectedShares.MOST).containsEntry(biggest, 0.1);
        assertThat(shares.otherPartners()).isEqualTo(401);
        assertThat(shares.others()).isCloseTo(401 * 0.9 / 900, within(1e-9));
        assertThat(shares.total()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void refusesASharePastOneOrMoreThanFiveHundredNamedPartners() {
        assertThatThrownBy(() -> new ExpectedShares(Map.of(UUID.randomUUID(), 1.5), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        Map<UUID, Double> many = new HashMap<>();
        for (int i = 0; i <= ExpectedShares.MOST; i++) {
            many.put(UUID.randomUUID(), 0.001);
        }
        assertThatThrownBy(() -> new ExpectedShares(many, 0, 0)).hasMessageContaining("at most 500");
    }
}

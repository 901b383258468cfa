package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BenchPartnersTest {

    @Test
    void eachPartnerGetsExactlyItsCapacityOfLeads() {
        int capacity = 7;
        Map<Integer, Integer> leadsByPartner = new TreeMap<>();
        long leads = 3L * BenchPartners.GROUP * capacity;
        for (long lead = 0; lead < leads; lead++) {
            leadsByPartner.merge(BenchPartners.partnerFor(lead, capacity), 1, Integer::sum);
        }

        assertThat(leadsByPartner).hasSize(3 * BenchPartners.GROUP);
        assertThat(leadsByPartner.values()).containsOnly(capacity);
    }

    @Test
    void consecutiveLeadsGoToDifferentPartnersOfAGroup() {
        assertThat(BenchPartners.partnerFor(0, 200)).isZero();
        assertThat(BenchPartners.partnerFor(1, 200)).isEqualTo(1);
        assertThat(BenchPartners.partnerFor(10, 200)).isZero();
        assertThat(BenchPartners.partnerFor(2_000, 200)).isEqualTo(10);
    }

    @Test
    void registersWholeGroupsForTheLeadsToCome() {
        assertThat(BenchPartners.groupsFor(0, 200)).isZero();
        assertThat(BenchPartners.groupsFor(1, 200)).isEqualTo(1);
        assertThat(BenchPartners.groupsFor(2_000, 200)).isEqualTo(1);
        assertThat(BenchPartners.groupsFor(2_001, 200)).isEqualTo(2);
        assertThat(BenchPartners.groupsFor(100_000, 200)).isEqualTo(50);
    }
}

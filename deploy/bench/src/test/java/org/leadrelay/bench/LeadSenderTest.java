package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadSenderTest {

    @Test
    void readsTheLeadIdOfAnAcceptedLead() {
        Post post = LeadSender.outcome(3, 10, 20, 202,
                "{\"leadId\":\"6b6b4acf-74c5-400a-8513-ac5c4156aa0c\",\"status\":\"received\",\"duplicateOf\":null}");

        assertThat(post.accepted()).isTrue();
        assertThat(post.leadId()).isEqualTo("6b6b4acf-74c5-400a-8513-ac5c4156aa0c");
        assertThat(post.refusal()).isNull();
    }

    @Test
    void aDuplicateOrARefusalIsCountedByWhatHappened() {
        Post duplicate = LeadSender.outcome(3, 10, 20, 202, "{\"leadId\":\"x\",\"status\":\"duplicate\",\"duplicateOf\":\"y\"}");
        Post limited = LeadSender.outcome(4, 10, 20, 429, "{\"title\":\"Too many requests\"}");

        assertThat(duplicate.accepted()).isFalse();
        assertThat(duplicate.refusal()).isEqualTo("duplicate");
        assertThat(limited.refusal()).isEqualTo("HTTP 429");
    }

    @Test
    void spreadsConnectionsOverTheSourceAddresses() {
        assertThat(SourceAddresses.count()).isEqualTo(249);
        assertThat(SourceAddresses.of(0).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(SourceAddresses.of(248).getHostAddress()).isEqualTo("127.0.0.250");
        assertThat(SourceAddresses.of(249).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(LeadSender.perAddress(512)).isEqualTo(3);
        assertThat(LeadSender.perAddress(16)).isEqualTo(2);
    }

    @Test
    void everyLeadHasItsOwnContactAndTheBenchProduct() {
        String json = SampleLeads.json("abc123", 42, "lrbench-abc123-2");

        assertThat(json).contains("\"email\":\"customer-abc123-42@bench.example\"", "\"products\":[\"lrbench-abc123-2\"]",
                "\"consent\":true", "\"country\":\"FR\"");
    }
}

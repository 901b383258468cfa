package org.leadrelay.notification.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leadrelay.events.NotificationContact;
import org.leadrelay.events.SigningKey;

class PartnerContactTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void aCopyKeptBeforeContactsAndKeysExistedReadsWithTheEventsDefaults() {
        PartnerContact old = new PartnerContact(UUID.randomUUID(), "Old", "leads@old.example", URI.create("https://old.example/hooks"), 3,
                null, null, null, null, null);

        assertThat(old.contacts()).containsExactly(new NotificationContact("leads@old.example", null));
        assertThat(old.sendsWebhooks()).isTrue();
        assertThat(old.signingGenerationsAt(NOW)).containsExactly(1);
    }

    @Test
    void signsWithTheOldGenerationOnlyUntilItsEnd() {
        PartnerContact rotating = new PartnerContact(UUID.randomUUID(), "Rotating", "leads@rotating.example", null, 4, null, null,
                List.of(new SigningKey(2, null), new SigningKey(1, NOW)), null, null);

        assertThat(rotating.signingGenerationsAt(NOW.minusMillis(1))).containsExactly(2, 1);
        assertThat(rotating.signingGenerationsAt(NOW)).containsExactly(2);
    }

    @Test
    void sendsNoWebhookWhenDisabledOrWithoutUrl() {
        URI url = URI.create("https://partner.example/hooks");

        assertThat(new PartnerContact(UUID.randomUUID(), "P", "a@p.example", url, 1, null, false, null, null, null).sendsWebhooks()).isFalse();
        assertThat(new PartnerContact(UUID.randomUUID(), "P", "a@p.example", null, 1, null, true, null, null, null).sendsWebhooks()).isFalse();
    }

    @Test
    void readsDeadlinesInThePartnersTimeZoneAndInUtcWhenItHasNone() {
        assertThat(new PartnerContact(UUID.randomUUID(), "P", "a@p.example", null, 1, null, null, null, null, "Europe/Paris").zone())
                .isEqualTo(java.time.ZoneId.of("Europe/Paris"));
        assertThat(new PartnerContact(UUID.randomUUID(), "P", "a@p.example", null, 1, null, null, null, null, null).zone())
                .isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(new PartnerContact(UUID.randomUUID(), "P", "a@p.example", null, 1, null, null, null, null, "Mars/Olympus").zone())
                .isEqualTo(java.time.ZoneOffset.UTC);
    }
}

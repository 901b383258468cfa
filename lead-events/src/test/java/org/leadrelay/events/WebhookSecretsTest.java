package org.leadrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    private final WebhookSecrets secrets = new WebhookSecrets("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void derivesTheSameSecretForTheSamePartnerAndGeneration() {
        assertThat(secrets.secret(EventSamples.PARTNER, 1)).startsWith("whsec_").isEqualTo(secrets.secret(EventSamples.PARTNER, 1));
    }

    @Test
    void derivesDifferentSecretsPerPartnerAndGeneration() {
        assertThat(secrets.secret(EventSamples.PARTNER, 1))
                .isNotEqualTo(secrets.secret(EventSamples.OTHER_PARTNER, 1))
                .isNotEqualTo(secrets.secret(EventSamples.PARTNER, 2));
    }

    @Test
    void refusesAShortMasterKey() {
        assertThatThrownBy(() -> new WebhookSecrets(new byte[16])).hasMessageContaining("32 bytes");
    }
}

package org.leadrelay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sealing a lead's personal data (ADR 0012): only the lead's key opens it, and only for that lead. */
class LeadKeyTest {

    private final UUID lead = UUID.randomUUID();
    private final LeadKey key = LeadKey.generate();
    private final PersonalData camille = EventSamples.CAMILLE;

    @Test
    void theLeadsKeyOpensWhatItSealed() {
        Sealed sealed = key.seal(lead, camille);

        assertThat(key.open(lead, sealed)).isEqualTo(camille);
        assertThat(LeadKey.ofBase64(key.toBase64()).open(lead, sealed)).as("the key as lead-intake serves it").isEqualTo(camille);
    }

    @Test
    void nothingOfThePersonReadsInTheSealedValue() {
        Sealed sealed = key.seal(lead, camille);
        String written = sealed.nonce() + sealed.ciphertext() + new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1);

        assertThat(written).doesNotContain("Camille", "camille.martin", "33472000000", "Soieries", "Oracle");
        assertThat(key.seal(lead, camille)).as("a new nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anotherKeyOrAnotherLeadOrAnAlteredValueOpensNothing() {
        Sealed sealed = key.seal(lead, camille);
        byte[] altered = Base64.getDecoder().decode(sealed.ciphertext());
        altered[3] ^= 1;

        assertThatThrownBy(() -> LeadKey.generate().open(lead, sealed)).isInstanceOf(UnreadableSealException.class);
        assertThatThrownBy(() -> key.open(UUID.randomUUID(), sealed)).isInstanceOf(UnreadableSealException.class);
        assertThatThrownBy(() -> key.open(lead, new Sealed(sealed.nonce(), Base64.getEncoder().encodeToString(altered))))
                .isInstanceOf(UnreadableSealException.class);
        assertThatThrownBy(() -> key.open(lead, new Sealed("not base64!", sealed.ciphertext()))).isInstanceOf(UnreadableSealException.class);
    }

    @Test
    void theKeyNeverPrintsItself() {
        assertThat(key.toString()).doesNotContain(key.toBase64());
        assertThatThrownBy(() -> LeadKey.of(new byte[16])).hasMessageContaining("32 bytes");
    }
}

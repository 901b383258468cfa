package org.leadrelay.events;

/**
 * A lead's personal data, sealed (ADR 0012): AES-256-GCM under the lead's own key, which lead-intake
 * holds and erasure deletes; the lead id is the associated data, so a sealed value cannot be moved
 * to another lead. Without the key it reads as nothing; once the lead is erased, as nothing for good.
 * Open it with {@link LeadKey#open}.
 *
 * @param nonce      the 96-bit nonce of this sealing, base64 (RFC 4648, with padding)
 * @param ciphertext the encrypted {@link PersonalData} JSON followed by the 128-bit authentication
 *                   tag, base64
 */
public record Sealed(String nonce, String ciphertext) {

    public Sealed {
        Require.text(nonce, "personal.nonce");
        Require.text(ciphertext, "personal.ciphertext");
    }
}

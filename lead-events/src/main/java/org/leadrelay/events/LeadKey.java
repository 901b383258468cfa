package org.leadrelay.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lead's own key (ADR 0012): 256 random bits that seal the lead's {@link PersonalData} wherever it
 * travels. lead-intake makes it when the lead arrives, keeps it, serves it to the services allowed
 * to read the lead, and deletes it on erasure: from then on every sealed copy, on every topic and
 * in every store, reads as nothing. The key itself never goes on a topic, in a log or a metric.
 *
 * <p>Sealing is AES-256-GCM from the JDK, with a random 96-bit nonce per sealing (a key seals a
 * handful of values in its life, far from GCM's limits) and the lead id as associated data.
 * Thread-safe: each call makes its own cipher.
 */
public final class LeadKey {

    /** Key length in bytes: AES-256. */
    public static final int LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private final byte[] bytes;

    private LeadKey(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a lead key is " + LENGTH + " bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** A new key from the platform's strong random source. */
    public static LeadKey generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new LeadKey(bytes);
    }

    public static LeadKey of(byte[] bytes) {
        return new LeadKey(bytes);
    }

    /** The key as lead-intake serves it: base64 of its 32 bytes. */
    public static LeadKey ofBase64(String base64) {
        return new LeadKey(Base64.getDecoder().decode(base64));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Seals the lead's personal data, bound to the lead's id. */
    public Sealed seal(UUID leadId, PersonalData data) {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, leadId);
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(data));
            return new Sealed(Base64.getEncoder().encodeToString(nonce), Base64.getEncoder().encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Opens what {@link #seal} sealed for the same lead.
     *
     * @throws UnreadableSealException when this key did not seal it for this lead, or it was altered
     */
    public PersonalData open(UUID leadId, Sealed sealed) {
        try {
            byte[] nonce = Base64.getDecoder().decode(sealed.nonce());
            if (nonce.length != NONCE_LENGTH) {
                throw new UnreadableSealException("the nonce is " + nonce.length + " bytes, not " + NONCE_LENGTH, null);
            }
            byte[] clear = cipher(Cipher.DECRYPT_MODE, nonce, leadId).doFinal(Base64.getDecoder().decode(sealed.ciphertext()));
            return JSON.readValue(clear, PersonalData.class);
        } catch (GeneralSecurityException | IllegalArgumentException | JacksonException e) {
            throw new UnreadableSealException("lead " + leadId + "'s personal data does not open with this key", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, UUID leadId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, new SecretKeySpec(bytes, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(leadId.toString().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeadKey key && java.security.MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never the key itself: a key printed in a log would outlive its erasure. */
    @Override
    public String toString() {
        return "LeadKey[hidden]";
    }
}

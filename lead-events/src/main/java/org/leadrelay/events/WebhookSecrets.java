package org.leadrelay.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each partner's webhook signing secret, derived from a master key the partner directory and the
 * notification service share (HMAC-SHA256 of the partner id and a secret generation). The secret
 * therefore never travels on a topic: the directory shows it to the partner once, the notification
 * service derives it again to sign. Rotating a partner's secret means raising its generation;
 * rotating the master key rotates every secret.
 */
public final class WebhookSecrets {

    /** The prefix of secrets in the Standard Webhooks format. */
    public static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_MASTER_KEY_BYTES = 32;

    private final SecretKeySpec masterKey;

    /** @param masterKey at least 32 bytes of secret key material */
    public WebhookSecrets(byte[] masterKey) {
        if (masterKey == null || masterKey.length < MIN_MASTER_KEY_BYTES) {
            throw new IllegalArgumentException("the webhook master key must have at least " + MIN_MASTER_KEY_BYTES + " bytes");
        }
        this.masterKey = new SecretKeySpec(masterKey.clone(), ALGORITHM);
    }

    /** The raw secret bytes of a partner's given secret generation. */
    public byte[] secretBytes(UUID partnerId, int generation) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(masterKey);
            return mac.doFinal((partnerId + ":" + generation).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The secret as partners configure it: {@code whsec_} followed by the base64 of the bytes. */
    public String secret(UUID partnerId, int generation) {
        return PREFIX + Base64.getEncoder().encodeToString(secretBytes(partnerId, generation));
    }
}

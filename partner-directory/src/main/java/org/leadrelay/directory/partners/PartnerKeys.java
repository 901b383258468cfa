package org.leadrelay.directory.partners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues and checks partners' API keys: {@code lrp_} and 32 random bytes in base64url. A key has
 * 256 bits of entropy, so a SHA-256 hash is enough to store it (no slow password hash needed), and
 * checking one costs microseconds.
 */
@Component
public class PartnerKeys {

    public static final String PREFIX = "lrp_";
    private static final int KEY_BYTES = 32;

    private final PartnerCredentials credentials;
    private final SecureRandom random = new SecureRandom();

    PartnerKeys(PartnerCredentials credentials) {
        this.credentials = credentials;
    }

    /** A new key for the partner; any earlier key stops working. */
    public String issue(UUID partnerId) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        credentials.store(partnerId, hash(key));
        return key;
    }

    /** Whether the key is the partner's current key. */
    public boolean verify(UUID partnerId, String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return false;
        }
        return credentials.hashOf(partnerId)
                .map(stored -> MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), hash(key).getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

package org.leadrelay.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed, expiring token that lets a partner answer one offer of a lead, in its email links
 * and its webhook. The notification service issues it, lead-router checks it; both hold the same
 * key, so the token never travels on a topic. It names the lead, the assignment and the partner,
 * and expires with the partner's deadline (to the second). Answering is idempotent on the router's side, which
 * makes the token good for one answer.
 */
public final class AnswerTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    /** Keys replaced by {@link #key}, still accepted during a rotation (never used to sign). */
    private final List<SecretKeySpec> previous;

    /** @param key at least 32 bytes, shared by lead-router and notification-service */
    public AnswerTokens(byte[] key) {
        this(key, List.of());
    }

    /**
     * @param key      signs new tokens and verifies them
     * @param previous keys being rotated out: tokens they signed are still accepted until they
     *                 expire, so links already sent keep working through a rotation
     */
    public AnswerTokens(byte[] key, List<byte[]> previous) {
        this.key = spec(key);
        this.previous = previous.stream().map(AnswerTokens::spec).toList();
    }

    private static SecretKeySpec spec(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the answer signing key must have at least 32 bytes");
        }
        return new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String issue(Claims claims) {
        String payload = ENCODER.encodeToString((claims.leadId() + "|" + claims.assignmentId() + "|" + claims.partnerId() + "|"
                + claims.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(sign(payload, key));
    }

    /**
     * The claims of a genuine, unexpired token.
     *
     * @throws InvalidAnswerTokenException naming why the token is refused
     */
    public Claims verify(String token, Instant now) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1) {
            throw new InvalidAnswerTokenException(InvalidAnswerTokenException.Reason.MALFORMED);
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        String[] parts;
        try {
            signature = DECODER.decode(token.substring(dot + 1));
            parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|");
        } catch (IllegalArgumentException e) {
            throw new InvalidAnswerTokenException(InvalidAnswerTokenException.Reason.MALFORMED);
        }
        if (!signedByAnyKey(payload, signature)) {
            throw new InvalidAnswerTokenException(InvalidAnswerTokenException.Reason.FORGED);
        }
        Claims claims;
        try {
            claims = new Claims(UUID.fromString(parts[0]), UUID.fromString(parts[1]), UUID.fromString(parts[2]),
                    Instant.ofEpochSecond(Long.parseLong(parts[3])));
        } catch (RuntimeException e) {
            throw new InvalidAnswerTokenException(InvalidAnswerTokenException.Reason.MALFORMED);
        }
        if (!now.isBefore(claims.expiresAt())) {
            throw new InvalidAnswerTokenException(InvalidAnswerTokenException.Reason.EXPIRED);
        }
        return claims;
    }

    private boolean signedByAnyKey(String payload, byte[] signature) {
        if (MessageDigest.isEqual(sign(payload, key), signature)) {
            return true;
        }
        for (SecretKeySpec old : previous) {
            if (MessageDigest.isEqual(sign(payload, old), signature)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sign(String payload, SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Who may answer which offer, until when. */
    public record Claims(UUID leadId, UUID assignmentId, UUID partnerId, Instant expiresAt) {

        public Claims {
            Require.present(leadId, "leadId");
            Require.present(assignmentId, "assignmentId");
            Require.present(partnerId, "partnerId");
            Require.present(expiresAt, "expiresAt");
        }
    }
}

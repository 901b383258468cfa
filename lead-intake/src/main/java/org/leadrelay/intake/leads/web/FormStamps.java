package org.leadrelay.intake.leads.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * When the form was shown, as the form carries it: {@code <epoch millis>.<HMAC-SHA256 of them>},
 * signed with {@code leadrelay.intake.form-signing-key} (the same in every instance). A bot that
 * posts without the form, or writes an earlier time to get past the minimum fill time, has no
 * valid signature.
 */
public final class FormStamps {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    /** Keys being rotated out: forms they stamped are still taken (never used to stamp). */
    private final List<SecretKeySpec> previous;

    public FormStamps(String key) {
        this(key, List.of());
    }

    public FormStamps(String key, List<String> previous) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.previous = previous.stream().filter(old -> !old.isBlank())
                .map(old -> new SecretKeySpec(old.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM)).toList();
    }

    public String stamp(long renderedAtMillis) {
        return renderedAtMillis + "." + signature(renderedAtMillis, key);
    }

    /** The time a stamp carries, when its signature is this key's; empty for anything else. */
    public OptionalLong renderedAt(String stamp) {
        if (stamp == null) {
            return OptionalLong.empty();
        }
        int dot = stamp.indexOf('.');
        if (dot <= 0) {
            return OptionalLong.empty();
        }
        long millis;
        try {
            millis = Long.parseLong(stamp.substring(0, dot));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        byte[] given = stamp.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(signature(millis, key).getBytes(StandardCharsets.US_ASCII), given)) {
            return OptionalLong.of(millis);
        }
        for (SecretKeySpec old : previous) {
            if (MessageDigest.isEqual(signature(millis, old).getBytes(StandardCharsets.US_ASCII), given)) {
                return OptionalLong.of(millis);
            }
        }
        return OptionalLong.empty();
    }

    private static String signature(long millis, SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] signed = mac.doFinal(("lead-form-rendered-at:" + millis).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        }
    }
}

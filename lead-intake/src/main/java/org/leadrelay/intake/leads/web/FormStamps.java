package org.leadrelay.intake.leads.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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

    public FormStamps(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String stamp(long renderedAtMillis) {
        return renderedAtMillis + "." + signature(renderedAtMillis);
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
        byte[] expected = signature(millis).getBytes(StandardCharsets.US_ASCII);
        byte[] given = stamp.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? OptionalLong.of(millis) : OptionalLong.empty();
    }

    private String signature(long millis) {
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

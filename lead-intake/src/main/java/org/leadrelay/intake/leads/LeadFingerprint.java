package org.leadrelay.intake.leads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeSet;
import org.leadrelay.events.Need;

/**
 * What makes two leads the same request: the same contact email asking for the same products and
 * services. Hashed (SHA-256), so the dedupe store holds no email address.
 */
final class LeadFingerprint {

    private LeadFingerprint() {
    }

    static String of(String email, Need asked) {
        TreeSet<String> need = new TreeSet<>(asked.specialities());
        String text = email.toLowerCase(Locale.ROOT) + "|" + String.join(",", need);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

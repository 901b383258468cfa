package org.leadrelay.intake.leads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.leadrelay.intake.normalisation.Emails;

/**
 * The key under which a contact email's leads are found: the address normalised as contact emails
 * are, compared regardless of case (as duplicate detection does: mailbox providers ignore the local
 * part's case, and erasing all of one person's leads is the side to err on), hashed with SHA-256 so
 * the lookup holds no address in clear. A hash of an email is still personal data (anyone can hash
 * a guessed address): it is removed with the lead it points to.
 */
final class EmailKey {

    private EmailKey() {
    }

    static String of(String email) {
        String normalised = Emails.normalise(email).toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

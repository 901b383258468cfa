package org.leadrelay.intake.normalisation;

import java.net.IDN;
import java.util.Locale;

/** Email addresses with their domain in lower-case ASCII (internationalised domains in punycode); the local part is kept as given. */
public final class Emails {

    private Emails() {
    }

    public static String normalise(String email) {
        String trimmed = email.strip();
        int at = trimmed.lastIndexOf('@');
        if (at < 1) {
            return trimmed;
        }
        String domain = trimmed.substring(at + 1);
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException notAnIdn) {
            // keep it as typed; bean validation has already checked the syntax
        }
        return trimmed.substring(0, at + 1) + domain.toLowerCase(Locale.ROOT);
    }
}

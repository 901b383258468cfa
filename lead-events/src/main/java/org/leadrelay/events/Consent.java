package org.leadrelay.events;

import java.time.Instant;

/**
 * The customer's consent to be contacted by a partner, as it can be proven (GDPR Art. 7(1)): which
 * notice they agreed to, in which language and wording, when, and through which channel. A lead
 * without it is never accepted. Withdrawing it is an erasure of the lead.
 *
 * @param statement  the version of the consent notice the customer agreed to, for example
 *                   {@code partner-contact-v1}
 * @param givenAt    when the customer agreed
 * @param language   the language of the notice's text they were shown (absent in leads received
 *                   before it was recorded)
 * @param textSha256 the SHA-256 of that text in UTF-8, lower-case hex: the exact wording, provable
 *                   against the notice kept with its version (absent before it was recorded)
 * @param channel    how the consent was given: {@code website-form} (intake's hosted form) or
 *                   {@code api} (a client's own form, posting to the API); absent before it was
 *                   recorded
 */
public record Consent(String statement, Instant givenAt, String language, String textSha256, String channel) {

    public Consent {
        Require.text(statement, "consent.statement");
        Require.present(givenAt, "consent.givenAt");
        if (textSha256 != null && !textSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("consent.textSha256 must be 64 lower-case hex digits");
        }
    }

    /** A consent as leads carried it before its language, wording and channel were recorded. */
    public Consent(String statement, Instant givenAt) {
        this(statement, givenAt, null, null, null);
    }
}

package org.leadrelay.events;

import java.time.Instant;

/**
 * The customer's consent to be contacted by a partner. A lead without it is never accepted.
 *
 * @param statement the identifier of the consent wording the customer agreed to
 * @param givenAt   when the customer agreed
 */
public record Consent(String statement, Instant givenAt) {

    public Consent {
        Require.text(statement, "consent.statement");
        Require.present(givenAt, "consent.givenAt");
    }
}

package org.leadrelay.events;

import java.time.Instant;

/**
 * A generation of a partner's webhook signing secret that is in use. The secret itself is never
 * published: the notification service derives it from the generation (see {@link WebhookSecrets}).
 *
 * @param generation the secret generation
 * @param validUntil when a rotated-out secret stops signing; null for the current one
 */
public record SigningKey(int generation, Instant validUntil) {

    public SigningKey {
        Require.positive(generation, "signingKeys.generation");
    }

    public boolean validAt(Instant instant) {
        return validUntil == null || instant.isBefore(validUntil);
    }
}

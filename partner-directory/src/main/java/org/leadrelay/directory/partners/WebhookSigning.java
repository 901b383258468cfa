package org.leadrelay.directory.partners;

import java.time.Duration;
import java.time.Instant;

/**
 * Which generation of its derived webhook secret a partner uses, and, during a rotation, the
 * previous generation and when it stops signing. The secrets themselves are never stored.
 */
public record WebhookSigning(int generation, Integer previousGeneration, Instant previousValidUntil) {

    public static final WebhookSigning FIRST = new WebhookSigning(1, null, null);

    /** The next generation; the current one keeps signing alongside it for {@code overlap}. */
    public WebhookSigning rotated(Instant now, Duration overlap) {
        return new WebhookSigning(generation + 1, overlap.isZero() ? null : generation,
                overlap.isZero() ? null : now.plus(overlap));
    }
}

package org.leadrelay.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code webhook-id}s of the genuine webhooks the demo partner took, per partner, so that a
 * webhook received again is acknowledged but not acted on again. Each id is kept until
 * {@link #KEPT} after the newest {@code webhook-timestamp} it came with, then forgotten.
 *
 * <p>Why forgetting is safe: a copy of a webhook carries the timestamp it was signed with, and the
 * signature covers it, so once the clock is {@link WebhookCheck#TOLERANCE} past that timestamp the
 * check refuses every copy. An id kept until timestamp + tolerance therefore catches every replay;
 * keeping it longer catches something else: Lead Relay sends a message again, same id, signed with
 * a fresh timestamp, when it cannot tell whether it arrived, over its retry schedule (delays adding
 * up to 27 h 35 min, at most 33 h 06 min with their ±20 % jitter; docs/webhooks.md). A resend later
 * than {@link #KEPT} (after an endpoint's circuit stayed open that long) is acted on again; an offer
 * is not resent past its {@code respondBy}, and lead-router takes the same answer twice with 200.
 *
 * <p>Why memory stays bounded: only webhooks that passed {@link WebhookCheck} are remembered, so a
 * forged or replayed one adds nothing; the ids held are those Lead Relay sent in the last
 * {@link #KEPT} and a few minutes, about 160 bytes each (200,000 Lead Relay ids took 32 MB of heap).
 */
final class RememberedWebhookIds {

    /** Longer than Lead Relay's retry schedule, so that all its resends of a message are caught. */
    static final Duration KEPT = Duration.ofHours(34);

    private final Instant origin;
    private final Duration kept;
    /** Key: partner and id; value: the newest timestamp the id was signed with. */
    private final Cache<String, Instant> newestSignatures;

    RememberedWebhookIds(Duration kept, Clock clock) {
        if (kept.compareTo(WebhookCheck.TOLERANCE) < 0) {
            throw new IllegalArgumentException("ids kept " + kept + ", less than the timestamp tolerance "
                    + WebhookCheck.TOLERANCE + ": a replay could be acted on twice");
        }
        this.origin = clock.instant();
        this.kept = kept;
        this.newestSignatures = Caffeine.newBuilder()
                .ticker(() -> Duration.between(origin, clock.instant()).toNanos())
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Instant>() {
                    @Override
                    public long expireAfterCreate(String key, Instant signedAt, long currentTime) {
                        return untilForgotten(signedAt, currentTime);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Instant signedAt, long currentTime, long currentDuration) {
                        return untilForgotten(signedAt, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Instant signedAt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /**
     * Remembers a genuine webhook's id and says whether it is the first time: true once per id
     * while it is remembered, even for copies arriving at the same moment.
     */
    boolean firstSighting(String partner, String messageId, Instant signedAt) {
        boolean[] first = {false};
        newestSignatures.asMap().compute(partner + ' ' + messageId, (key, newest) -> {
            first[0] = newest == null;
            return newest == null || signedAt.isAfter(newest) ? signedAt : newest;
        });
        return first[0];
    }

    /** How many ids are remembered now. */
    long size() {
        newestSignatures.cleanUp();
        return newestSignatures.estimatedSize();
    }

    private long untilForgotten(Instant signedAt, long currentTime) {
        return Math.max(0, Duration.between(origin, signedAt.plus(kept)).toNanos() - currentTime);
    }
}

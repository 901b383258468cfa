package org.leadrelay.local;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The checks docs/webhooks.md asks of a receiver before it acts on a webhook: one of the {@code v1,}
 * signatures of {@code webhook-signature} is the partner's, over {@code <webhook-id>.<webhook-timestamp>.<body>},
 * and that timestamp is within {@link #TOLERANCE} of the receiver's clock, either way.
 *
 * <p>The signatures are computed by the Standard Webhooks library ({@link Webhook#sign}), but not
 * checked with its {@code verify}: that reads {@code System.currentTimeMillis()}, so its five-minute
 * window could only be tested by waiting, and it cannot tell a replay (too old) from a wrong clock
 * (either way) in the reason it gives. The window and the comparison are the library's: a timestamp
 * exactly {@link #TOLERANCE} away passes, a second more does not; signatures compare in constant time.
 */
final class WebhookCheck {

    /** The Standard Webhooks libraries' window, which docs/webhooks.md gives partners. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;

    WebhookCheck(Clock clock) {
        this.clock = clock;
    }

    /** The check of one webhook under one partner's secret, with the headers' names in lower case. */
    Verdict check(Webhook secret, String body, Map<String, List<String>> headers) {
        String messageId = first(headers, "webhook-id");
        String timestamp = first(headers, "webhook-timestamp");
        String signatures = first(headers, "webhook-signature");
        if (messageId == null || timestamp == null || signatures == null) {
            return Verdict.refused("signature rejected: webhook-id, webhook-timestamp or webhook-signature missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Verdict.refused("signature rejected: webhook-timestamp is not a number of seconds");
        }
        byte[] expected;
        try {
            expected = secret.sign(messageId, seconds, body).getBytes(StandardCharsets.UTF_8);
        } catch (WebhookSigningException e) {
            return Verdict.refused("unverifiable: " + e.getMessage());
        }
        boolean signed = false;
        for (String signature : signatures.split(" ")) {
            signed |= MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8), expected);
        }
        if (!signed) {
            return Verdict.refused("signature rejected: no matching signature");
        }
        // checked after the signature, so that a reason naming the timestamp is only given for a
        // webhook the partner's key signed: a replay, or a clock that is wrong on one side
        long now = clock.instant().getEpochSecond();
        if (seconds < now - TOLERANCE.toSeconds() || seconds > now + TOLERANCE.toSeconds()) {
            return Verdict.refused("timestamp refused: webhook-timestamp " + seconds + " is more than " + TOLERANCE.toSeconds() + " s "
                    + (seconds < now ? "before" : "after") + " this partner's clock (" + now + ")");
        }
        return new Verdict(messageId, Instant.ofEpochSecond(seconds), null);
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * A webhook's check.
     *
     * @param messageId its {@code webhook-id}, when genuine
     * @param signedAt  its {@code webhook-timestamp}, when genuine
     * @param problem   why it is refused; null when it is genuine
     */
    record Verdict(String messageId, Instant signedAt, String problem) {

        static Verdict refused(String problem) {
            return new Verdict(null, null, problem);
        }

        boolean genuine() {
            return problem == null;
        }
    }
}

package org.leadrelay.console.deliveries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.NotificationFailed;

/**
 * How one partner's channel (its email, its webhook) is doing, as the notification events tell it:
 * the last outcome, the failures since the last delivery, the last failure's reason, and the
 * deliveries being retried. Events of different leads come on different partitions, so they may
 * arrive out of order: each is placed by its own time, and a late one never overwrites a newer
 * outcome.
 *
 * @param version             the stored version, for compare-and-set
 * @param partnerName         as the lead's offer named the partner, when the console has seen it
 * @param lastOutcome         of the newest attempt heard of
 * @param consecutiveFailures failed attempts newer than the last delivery
 * @param retries             deliveries to be tried again, newest first, at most {@link #MOST_RETRIES}
 */
public record EndpointHealth(UUID partnerId, Channel channel, long version, String partnerName, Outcome lastOutcome, Instant lastAt,
        int consecutiveFailures, String lastFailureReason, Instant lastFailureAt, Instant lastDeliveredAt, List<RetryUnderWay> retries) {

    /** Retries kept per endpoint: a dead endpoint with thousands of leads behind it shows the newest. */
    public static final int MOST_RETRIES = 50;
    /** notification-service's reason for a delivery cancelled because the lead moved on: not the endpoint's failure. */
    static final String CANCELLED = "cancelled:";

    public enum Outcome {
        DELIVERED, FAILED
    }

    public EndpointHealth {
        retries = retries == null ? List.of() : List.copyOf(retries);
    }

    public static EndpointHealth unknown(UUID partnerId, Channel channel) {
        return new EndpointHealth(partnerId, channel, -1, null, null, null, 0, null, null, null, List.of());
    }

    /** {@code <partnerId>:<channel>}: the key of the stored endpoint. */
    public static String id(UUID partnerId, Channel channel) {
        return partnerId + ":" + channel.name();
    }

    public String id() {
        return id(partnerId, channel);
    }

    /** The last attempt failed. */
    public boolean failing() {
        return lastOutcome == Outcome.FAILED;
    }

    /** The endpoint with one more outcome heard of; {@code name} is the partner's name when known (else kept). */
    public EndpointHealth after(NotificationEvent event, String name) {
        if (!event.partnerId().equals(partnerId) || event.channel() != channel) {
            throw new IllegalArgumentException("event for " + event.partnerId() + ":" + event.channel() + " applied to " + id());
        }
        String partner = name != null ? name : partnerName;
        List<RetryUnderWay> pending = new ArrayList<>(retries);
        String key = event.assignmentId() + ":" + event.message();
        Outcome outcome = lastOutcome;
        Instant last = lastAt;
        int failures = consecutiveFailures;
        String failureReason = lastFailureReason;
        Instant failureAt = lastFailureAt;
        Instant deliveredAt = lastDeliveredAt;
        if (event instanceof NotificationDelivered delivered) {
            Instant at = delivered.deliveredAt();
            pending.removeIf(retry -> retry.key().equals(key));
            if (deliveredAt == null || at.isAfter(deliveredAt)) {
                deliveredAt = at;
            }
            if (last == null || !at.isBefore(last)) {
                outcome = Outcome.DELIVERED;
                last = at;
                failures = 0;
            }
        } else if (event instanceof NotificationFailed failed) {
            Instant at = failed.failedAt();
            RetryUnderWay known = pending.stream().filter(retry -> retry.key().equals(key)).findFirst().orElse(null);
            if (failed.retrying()) {
                if (known == null || known.attempt() <= failed.attempt()) {
                    pending.remove(known);
                    pending.add(new RetryUnderWay(failed.leadId(), failed.assignmentId(), failed.message(), failed.attempt(), failed.reason(), at));
                }
            } else if (known == null || known.attempt() <= failed.attempt()) {
                pending.remove(known);
            }
            if (!failed.reason().startsWith(CANCELLED)) {
                if (deliveredAt == null || at.isAfter(deliveredAt)) {
                    failures++;
                }
                if (failureAt == null || !at.isBefore(failureAt)) {
                    failureReason = failed.reason();
                    failureAt = at;
                }
                if (last == null || !at.isBefore(last)) {
                    outcome = Outcome.FAILED;
                    last = at;
                }
            }
        }
        pending.sort(Comparator.comparing(RetryUnderWay::failedAt).reversed());
        if (pending.size() > MOST_RETRIES) {
            pending = pending.subList(0, MOST_RETRIES);
        }
        return new EndpointHealth(partnerId, channel, version, partner, outcome, last, failures, failureReason, failureAt, deliveredAt, pending);
    }
}

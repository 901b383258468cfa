package org.leadrelay.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.Channel;

/**
 * Every delivery and every attempt, for operators. It names partners and endpoints' origins, never
 * an email address or anything of the customer.
 */
public interface DeliveryLog {

    /** Whether a delivery with this key was ever scheduled: the same event twice schedules it once. */
    boolean contains(String deliveryId);

    /** Records a scheduled delivery, once per key. */
    void opened(DeliveryJob job, String target);

    void attempted(Attempt attempt);

    void retrying(String deliveryId, int attempts, String lastError, Instant at, Instant nextAttemptAt);

    /** Records how a delivery ended: DELIVERED, FAILED or CANCELLED. */
    void settled(String deliveryId, DeliveryState state, int attempts, String lastError, Instant at);

    Optional<Entry> find(String deliveryId);

    List<Entry> ofLead(UUID leadId);

    /** The partner's most recent deliveries first. */
    List<Entry> ofPartner(UUID partnerId, int limit);

    List<Attempt> attemptsOf(java.util.Collection<String> deliveryIds);

    List<Attempt> attemptsOfLead(UUID leadId);

    /**
     * One delivery.
     *
     * @param target    a partner ({@code partner:<id>}), the operators, or a webhook endpoint's origin
     * @param messageId the {@code webhook-id} or email {@code Message-ID} every attempt carries, which
     *                  the partner finds in its own logs
     */
    record Entry(String id, DeliveryKind kind, Channel channel, UUID leadId, UUID assignmentId, UUID partnerId, String target,
            String messageId, DeliveryState state, int attempts, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt,
            Instant finishedAt, String lastError) {
    }

    /**
     * One attempt.
     *
     * @param outcome   {@code delivered}, {@code failed} or {@code gone}
     * @param latencyMs how long the call took
     */
    record Attempt(String deliveryId, int attempt, DeliveryKind kind, Channel channel, UUID leadId, UUID partnerId, String target,
            String outcome, String error, long latencyMs, Instant at) {
    }
}

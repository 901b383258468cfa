package org.leadrelay.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leadrelay.events.Channel;
import org.leadrelay.events.NotificationDelivered;
import org.leadrelay.events.NotificationEvent;
import org.leadrelay.events.NotificationFailed;
import org.leadrelay.kit.outbox.EventIds;

/**
 * A delivery still to be made, kept in the database until it succeeds or gives up, so a restart
 * loses no pending attempt. Its content is fixed when it is scheduled, and so is its
 * {@code messageId}: every attempt, by whichever instance, sends the same {@code webhook-id} or
 * email {@code Message-ID}, by which the receiver recognises a repeat.
 *
 * @param id        the delivery key, {@code <assignmentId>:<kind>:<channel>[:<language>]}; one
 *                  delivery per key, ever
 * @param attempts  how many attempts were started
 * @param dueAt     when the next attempt may start
 * @param notAfter  after this instant the delivery is pointless and is cancelled (an offer past
 *                  its deadline); null for no limit
 * @param email     what an email delivery sends; null for a webhook
 * @param webhook   what a webhook delivery sends; null for an email
 */
public record DeliveryJob(String id, DeliveryKind kind, Channel channel, UUID leadId, UUID assignmentId, UUID partnerId,
        String messageId, int attempts, Instant dueAt, Instant notAfter, Instant createdAt, String lastError, Email email,
        Webhook webhook) {

    public DeliveryJob {
        if ((channel == Channel.EMAIL) != (email != null) || (channel == Channel.WEBHOOK) != (webhook != null)) {
            throw new IllegalArgumentException("a delivery carries the content of its channel, and only that");
        }
    }

    /**
     * An email's content. Recipients are the partner's business mailboxes or the operators'; the
     * text of an acceptance carries the customer's contact, so it is never logged and the job,
     * with its content, is deleted once it ends.
     */
    public record Email(List<String> to, String subject, String text, String html, String language) {

        public Email {
            to = List.copyOf(to);
        }
    }

    /** A webhook's content: its type and JSON body; the URL and signing keys are the partner's at send time. */
    public record Webhook(String type, String body) {
    }

    /** What a failed attempt leads to: another attempt, or the delivery's end. */
    public sealed interface AfterFailure permits RetryAt, GiveUp {
    }

    /**
     * Another attempt, not before {@code at}.
     *
     * @param events what the failed attempt is published as (none for an operators' alert), stored
     *               with the retry so it is published if and only if the retry is recorded
     */
    public record RetryAt(Instant at, List<PendingEvent> events) implements AfterFailure {

        public RetryAt {
            events = List.copyOf(events);
        }
    }

    /**
     * An event a change of the job causes, kept in the job until the broker has it. Its id is
     * derived from the delivery and the attempt, so publishing it again is the same event.
     */
    public record PendingEvent(UUID id, NotificationEvent event) {
    }

    /** No other attempt: the delivery ends as {@code settlement} says. */
    public record GiveUp(DeliveryJobs.Settlement settlement) implements AfterFailure {
    }

    /** The delivery's end once its current attempt reached {@code target}. */
    public DeliveryJobs.Settlement delivered(String target, Instant now) {
        return new DeliveryJobs.Settlement(DeliveryState.DELIVERED, "delivered", attempts, null, target, now);
    }

    /**
     * What the current attempt's failure leads to. A retryable failure is tried again when the
     * schedule has an attempt left that starts before the delivery's deadline ({@code notAfter}, an
     * offer's {@code respondBy}); otherwise the delivery gives up: {@code exhausted} for a retryable
     * failure (saying so when the deadline, not the schedule, left no attempt), {@code refused} for a
     * permanent one.
     */
    public AfterFailure failed(AttemptResult.Failed failure, String target, RetrySchedule schedule, Instant now) {
        Optional<Instant> next = failure.retryable() ? schedule.next(attempts, now, failure.retryAfter()) : Optional.empty();
        if (next.isPresent() && (notAfter == null || next.get().isBefore(notAfter))) {
            return new RetryAt(next.get(), failedEvent(attempts, failure.reason(), true, now));
        }
        String reason = next.isPresent() ? failure.reason() + " (no attempt left before the offer's deadline)" : failure.reason();
        return new GiveUp(new DeliveryJobs.Settlement(DeliveryState.FAILED, failure.retryable() ? "exhausted" : "refused", attempts,
                reason, target, now));
    }

    /** The delivery's end when it is cancelled as its attempt was to start (that attempt, counted by the claim, not made). */
    public DeliveryJobs.Settlement cancelled(String reason, Instant now) {
        return new DeliveryJobs.Settlement(DeliveryState.CANCELLED, "cancelled", attempts - 1, reason, null, now);
    }

    /**
     * The delivery's end when it is cancelled while pending (its offer was answered or moved on):
     * the attempts made so far stand, none is under way for this instance.
     */
    public DeliveryJobs.Settlement withdrawn(String reason, Instant now) {
        return new DeliveryJobs.Settlement(DeliveryState.CANCELLED, "cancelled", attempts, reason, null, now);
    }

    /**
     * What the delivery's end is published as: a partner's delivery as NotificationDelivered, or
     * as NotificationFailed when it gave up or was cancelled after at least one attempt (a
     * cancellation before any attempt told the partner nothing). An operators' alert is not a
     * partner's notification and publishes nothing.
     */
    public List<PendingEvent> eventsOf(DeliveryJobs.Settlement settlement) {
        return switch (settlement.state()) {
            case DELIVERED -> message().map(message -> List.of(new PendingEvent(EventIds.derived("notification", id, settlement.attempts()),
                    (NotificationEvent) new NotificationDelivered(leadId, assignmentId, partnerId, channel, settlement.attempts(),
                            settlement.at(), message)))).orElse(List.of());
            case FAILED -> failedEvent(settlement.attempts(), settlement.reason(), false, settlement.at());
            case CANCELLED -> failedEvent(settlement.attempts(), "cancelled: " + settlement.reason(), false, settlement.at());
            default -> throw new IllegalStateException("a delivery does not end " + settlement.state());
        };
    }

    private List<PendingEvent> failedEvent(int attempt, String reason, boolean retrying, Instant at) {
        if (attempt <= 0) {
            return List.of();
        }
        return message().map(message -> List.of(new PendingEvent(EventIds.derived("notification", id, attempt, retrying),
                (NotificationEvent) new NotificationFailed(leadId, assignmentId, partnerId, channel, attempt, reason, retrying, at, message))))
                .orElse(List.of());
    }

    /** What a partner's delivery is published as; alerts to the operators are not a partner's notification. */
    private Optional<String> message() {
        return switch (kind) {
            case OFFER -> Optional.of(NotificationEvent.OFFER);
            case ACCEPTANCE -> Optional.of(NotificationEvent.ACCEPTANCE);
            case WITHDRAWAL -> Optional.of(NotificationEvent.WITHDRAWAL);
            case ERASURE -> Optional.of(NotificationEvent.ERASURE);
            case OPERATOR_ALERT -> Optional.empty();
        };
    }

    /** The job as an attempt starts: one more attempt counted. */
    public DeliveryJob startingAttempt() {
        return atAttempt(attempts + 1);
    }

    /** The job with this many attempts counted. */
    public DeliveryJob atAttempt(int attempts) {
        return new DeliveryJob(id, kind, channel, leadId, assignmentId, partnerId, messageId, attempts, dueAt, notAfter, createdAt,
                lastError, email, webhook);
    }
}

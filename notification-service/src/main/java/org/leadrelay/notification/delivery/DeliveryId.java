package org.leadrelay.notification.delivery;

import java.util.Objects;
import org.leadrelay.events.Channel;

/**
 * A delivery's key: one delivery per key, ever. {@code <message>:webhook} for a webhook and
 * {@code <message>:email:<language>} for an email, where the message says what is told to whom
 * ({@code <assignmentId>:offer}, {@code <leadId>:<partnerId>:erasure}); operators' alerts have keys
 * of their own ({@code alert:...}). Made here only, so the services that schedule and cancel a
 * delivery cannot spell its key two ways.
 */
public record DeliveryId(String value) {

    public DeliveryId {
        Objects.requireNonNull(value, "delivery id");
    }

    /** The webhook delivery of a message. */
    public static DeliveryId webhook(String message) {
        return new DeliveryId(message + ":" + Channel.WEBHOOK);
    }

    /** The email delivery of a message in one language (one email per language the partner's contacts read). */
    public static DeliveryId email(String message, String language) {
        return new DeliveryId(message + ":" + Channel.EMAIL + ":" + language);
    }

    @Override
    public String toString() {
        return value;
    }
}

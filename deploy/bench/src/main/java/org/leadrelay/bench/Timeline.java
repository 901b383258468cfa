package org.leadrelay.bench;

/**
 * One lead's moments on one scale, epoch microseconds; {@link EventStamps#NONE} when not seen.
 *
 * @param due              when it was meant to be sent
 * @param answered         when lead-intake's 202 was read
 * @param intakeReceived   when lead-intake took it (LeadReceived's {@code ce_time})
 * @param published        when LeadReceived went to Kafka (record timestamp)
 * @param assigned         when LeadAssigned went to Kafka
 * @param webhook          when the offer's webhook reached the bench
 * @param webhookDelivered when NotificationDelivered (webhook) went to Kafka
 * @param emailDelivered   when NotificationDelivered (email) went to Kafka
 */
record Timeline(long due, long answered, long intakeReceived, long published, long assigned, long webhook, long webhookDelivered,
        long emailDelivered) {

    /** Joins what the sender, the webhook endpoint and the topics saw of one lead. */
    static Timeline of(Post post, Long webhookNanos, EventStamps events, WallClock clock) {
        EventStamps seen = events == null ? EventStamps.EMPTY : events;
        return new Timeline(clock.micros(post.dueNanos()), clock.micros(post.answeredNanos()), seen.intakeReceived(), seen.published(),
                seen.assigned(), webhookNanos == null ? EventStamps.NONE : clock.micros(webhookNanos), seen.webhookDelivered(),
                seen.emailDelivered());
    }
}

package org.leadrelay.notification.delivery;

import java.util.function.Supplier;
import org.leadrelay.events.Channel;

/** One way of delivering: email over SMTP, or webhooks. */
public interface DeliveryChannel {

    Channel channel();

    /**
     * Prepares one attempt of the job: either an outcome known without calling anyone (the URL is
     * refused, the partner switched webhooks off), or a call to an endpoint, which the caller makes
     * under that endpoint's circuit breaker and bulkhead.
     */
    Attempt prepare(DeliveryJob job);

    /** One attempt, ready to go or settled already. */
    sealed interface Attempt {

        /** Where the delivery goes, as the log may show it: a partner id or an endpoint's origin, never an address. */
        String target();
    }

    /**
     * A call to make.
     *
     * @param endpoint the endpoint's identity for its circuit breaker and bulkhead (the webhook URL, or the mail relay)
     */
    record Call(String endpoint, String target, Supplier<AttemptResult> send) implements Attempt {
    }

    /** An attempt whose outcome is known without a call. */
    record Settled(String target, AttemptResult result) implements Attempt {
    }
}

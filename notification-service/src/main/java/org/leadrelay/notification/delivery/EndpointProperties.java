package org.leadrelay.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker and bulkhead each endpoint (a partner's webhook URL, the mail relay) gets
 * ({@code leadrelay.notification.endpoints.*}).
 *
 * @param failureRateThreshold  the percentage of failed calls, among the last {@code slidingWindow},
 *                              that opens the circuit
 * @param minimumCalls          how many calls are needed before the rate counts; enough that an
 *                              endpoint's first success after a few failed retries does not open it
 * @param slidingWindow         how many recent calls the rate is taken over
 * @param openFor               how long an open circuit refuses calls before one trial call
 * @param halfOpenCalls         how many trial calls decide whether the circuit closes again
 * @param maxConcurrentCalls    calls under way at once to one endpoint; the others wait their turn,
 *                              so a slow endpoint holds at most this many senders
 */
@ConfigurationProperties("leadrelay.notification.endpoints")
public record EndpointProperties(@DefaultValue("50") float failureRateThreshold, @DefaultValue("10") int minimumCalls,
        @DefaultValue("20") int slidingWindow, @DefaultValue("60s") Duration openFor, @DefaultValue("1") int halfOpenCalls,
        @DefaultValue("4") int maxConcurrentCalls) {
}

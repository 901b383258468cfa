package org.leadrelay.notification.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * A Resilience4j circuit breaker and bulkhead per endpoint (each partner's webhook URL, the mail
 * relay), so one dead or slow endpoint never slows delivery to the others: an open circuit refuses
 * calls at once, and a bulkhead caps the senders one endpoint can hold. Breakers keep time with the
 * service's clock. They live in memory, per instance: they protect this instance's senders, while
 * the retry schedule itself is in the database.
 */
@Component
public class EndpointGuards {

    private final ConcurrentMap<String, Guard> guards = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig breakers;
    private final BulkheadConfig bulkheads;

    public EndpointGuards(EndpointProperties properties, Clock clock) {
        this.breakers = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.slidingWindow())
                .minimumNumberOfCalls(properties.minimumCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(properties.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .build();
        this.bulkheads = BulkheadConfig.custom().maxConcurrentCalls(properties.maxConcurrentCalls()).maxWaitDuration(Duration.ZERO)
                .build();
    }

    public Guard of(String endpoint) {
        return guards.computeIfAbsent(endpoint, name -> new Guard(CircuitBreaker.of(name, breakers), Bulkhead.of(name, bulkheads)));
    }

    /** How many endpoints' circuits are in that state now. */
    public long inState(CircuitBreaker.State state) {
        return guards.values().stream().filter(guard -> guard.breaker().getState() == state).count();
    }

    public record Guard(CircuitBreaker breaker, Bulkhead bulkhead) {
    }
}

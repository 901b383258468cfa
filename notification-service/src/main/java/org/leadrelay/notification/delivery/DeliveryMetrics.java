package org.leadrelay.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.leadrelay.events.Channel;
import org.springframework.stereotype.Component;

/**
 * The delivery metrics, all with bounded tags (channel, kind, outcome, state):
 * {@code leadrelay.notifications.attempts} (a timer: attempts and their latency by channel and
 * outcome), {@code leadrelay.notifications} (deliveries by channel, kind and how they ended),
 * {@code leadrelay.notifications.pending} (jobs waiting, new or retrying, read from the database
 * when scraped), {@code leadrelay.notifications.circuits} (endpoints whose circuit is open or half
 * open on this instance), {@code leadrelay.notifications.endpoints.disabled} (410 answers that
 * disabled an endpoint), {@code leadrelay.notifications.postponed} (attempts put off, not made,
 * because an endpoint's bulkhead was full or its circuit open) and {@code leadrelay.notifications.operator.alerts}.
 */
@Component
class DeliveryMetrics {

    private static final Duration SNAPSHOT_TTL = Duration.ofSeconds(1);

    private final MeterRegistry meters;
    private final DeliveryJobs jobs;
    private volatile List<DeliveryJob> snapshot = List.of();
    private volatile long snapshotAt;

    DeliveryMetrics(MeterRegistry meters, DeliveryJobs jobs, EndpointGuards guards) {
        this.meters = meters;
        this.jobs = jobs;
        // exported at 0 from the start, so dashboards and alerts see each series before its first event
        meters.counter("leadrelay.notifications.endpoints.disabled");
        for (String reason : List.of(OperatorAlerts.EXHAUSTED, OperatorAlerts.DISABLED)) {
            meters.counter("leadrelay.notifications.operator.alerts", "reason", reason);
        }
        for (Channel channel : Channel.values()) {
            for (String reason : List.of("bulkhead", "circuit")) {
                meters.counter("leadrelay.notifications.postponed", "channel", channel.name(), "reason", reason);
            }
        }
        for (Channel channel : Channel.values()) {
            pending(channel, "new", job -> job.lastError() == null);
            pending(channel, "retrying", job -> job.lastError() != null);
        }
        Gauge.builder("leadrelay.notifications.circuits", guards, g -> g.inState(CircuitBreaker.State.OPEN))
                .description("endpoints whose circuit breaker is open on this instance").tag("state", "open").register(meters);
        Gauge.builder("leadrelay.notifications.circuits", guards, g -> g.inState(CircuitBreaker.State.HALF_OPEN))
                .description("endpoints whose circuit breaker is half open on this instance").tag("state", "half_open")
                .register(meters);
    }

    void attempt(Channel channel, String outcome, Duration took) {
        Timer.builder("leadrelay.notifications.attempts").description("delivery attempts and how long each took")
                .tag("channel", channel.name()).tag("outcome", outcome).publishPercentiles(0.5, 0.95, 0.99)
                .register(meters).record(took);
    }

    /** How a delivery ended: delivered, exhausted (every attempt failed), refused (not retryable) or cancelled. */
    void settled(Channel channel, DeliveryKind kind, String outcome) {
        Counter.builder("leadrelay.notifications").description("deliveries by how they ended")
                .tag("channel", channel.name()).tag("kind", kind.code()).tag("outcome", outcome).register(meters).increment();
    }

    void endpointDisabled() {
        meters.counter("leadrelay.notifications.endpoints.disabled").increment();
    }

    /** An attempt put off without being made: the endpoint's bulkhead was full or its circuit open. */
    void postponed(Channel channel, String reason) {
        meters.counter("leadrelay.notifications.postponed", "channel", channel.name(), "reason", reason).increment();
    }

    void alert(String reason) {
        meters.counter("leadrelay.notifications.operator.alerts", "reason", reason).increment();
    }

    private void pending(Channel channel, String state, Predicate<DeliveryJob> matching) {
        Gauge.builder("leadrelay.notifications.pending", this,
                        metrics -> metrics.pendingJobs().stream().filter(job -> job.channel() == channel).filter(matching).count())
                .description("deliveries waiting for their first attempt or for a retry").tag("channel", channel.name())
                .tag("state", state).register(meters);
    }

    private List<DeliveryJob> pendingJobs() {
        long now = System.nanoTime();
        if (now - snapshotAt > SNAPSHOT_TTL.toNanos()) {
            snapshot = jobs.pending();
            snapshotAt = now;
        }
        return snapshot;
    }
}

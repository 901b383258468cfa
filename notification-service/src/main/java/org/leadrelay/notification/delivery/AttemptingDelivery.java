package org.leadrelay.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.leadrelay.events.Channel;
import org.leadrelay.notification.delivery.AttemptResult.Cancelled;
import org.leadrelay.notification.delivery.AttemptResult.Delivered;
import org.leadrelay.notification.delivery.AttemptResult.Failed;
import org.leadrelay.notification.delivery.AttemptResult.Gone;
import org.leadrelay.notification.delivery.AttemptResult.Postponed;
import org.leadrelay.notification.delivery.DeliveryChannel.Call;
import org.leadrelay.notification.delivery.DeliveryChannel.Settled;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt of a claimed job through its channel, under its endpoint's circuit breaker and
 * bulkhead, and says how it went; it records nothing. A circuit that refuses the call, or a full
 * bulkhead, postpones the attempt without counting it; the breaker learns from every call made.
 */
@Component
class AttemptingDelivery {

    static final Duration BULKHEAD_WAIT = Duration.ofSeconds(1);

    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
    private final EndpointGuards guards;
    private final Clock clock;
    private final Duration openFor;

    AttemptingDelivery(List<DeliveryChannel> channels, EndpointGuards guards, Clock clock, EndpointProperties endpoints) {
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.guards = guards;
        this.clock = clock;
        this.openFor = endpoints.openFor();
    }

    /**
     * How one attempt went.
     *
     * @param target where it went, as the log shows it
     * @param took   how long the call took; zero when no call was made
     */
    record Attempted(String target, AttemptResult result, Duration took) {

        static Attempted withoutCall(String target, AttemptResult result) {
            return new Attempted(target, result, Duration.ZERO);
        }
    }

    /** Attempts the job, whose attempt the claim counted. */
    Attempted attempt(DeliveryJob job) {
        if (job.notAfter() != null && !clock.instant().isBefore(job.notAfter())) {
            return Attempted.withoutCall("-", new Cancelled("the offer's deadline passed before it could be delivered"));
        }
        DeliveryChannel.Attempt attempt = channels.get(job.channel()).prepare(job);
        if (attempt instanceof Settled settled) {
            return Attempted.withoutCall(settled.target(), settled.result());
        }
        Call call = (Call) attempt;
        EndpointGuards.Guard guard = guards.of(call.endpoint());
        if (!guard.breaker().tryAcquirePermission()) {
            // not attempted, so not counted: the job waits until the circuit may let a trial call through
            // (half open: a trial call is under way, whose outcome decides for the others shortly)
            Duration wait = guard.breaker().getState() == CircuitBreaker.State.HALF_OPEN ? BULKHEAD_WAIT : openFor.dividedBy(2);
            return Attempted.withoutCall(call.target(),
                    new Postponed(wait, label(job.channel()) + ": circuit open after repeated failures, not sent"));
        }
        if (!guard.bulkhead().tryAcquirePermission()) {
            guard.breaker().releasePermission();
            return Attempted.withoutCall(call.target(), new Postponed(BULKHEAD_WAIT, null));
        }
        long started = System.nanoTime();
        AttemptResult result;
        try {
            result = call.send().get();
        } catch (RuntimeException e) {
            result = Failed.retryable(label(job.channel()) + ": " + e.getClass().getSimpleName());
        } finally {
            guard.bulkhead().onComplete();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (result instanceof Delivered) {
            guard.breaker().onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
        } else if (result instanceof Failed failed) {
            guard.breaker().onError(took.toNanos(), TimeUnit.NANOSECONDS, new DeliveryFailedException(failed.reason()));
        } else if (result instanceof Gone gone) {
            guard.breaker().onError(took.toNanos(), TimeUnit.NANOSECONDS, new DeliveryFailedException(gone.reason()));
        } else {
            guard.breaker().releasePermission();
        }
        return new Attempted(call.target(), result, took);
    }

    private static String label(Channel channel) {
        return channel == Channel.EMAIL ? "SMTP" : "webhook";
    }
}

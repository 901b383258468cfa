package org.leadrelay.notification.delivery;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retries of failed deliveries ({@code leadrelay.notification.retries.*}).
 *
 * @param delays        the wait before each retry: the 2nd attempt after the first delay, and so on;
 *                      the delivery gives up when the last one's attempt fails
 * @param jitter        the share by which each delay varies at random either way (0.2: ±20 %)
 * @param maxRetryAfter the longest wait a receiver's Retry-After can impose
 * @param pollInterval  how often an instance looks for due retries (a new delivery starts at once)
 * @param lease         how long an instance holds a job it attempts; longer than any attempt takes,
 *                      and the time after which another instance retries the job of one that died
 * @param batch         how many due jobs an instance claims at a time, at most
 */
@ConfigurationProperties("leadrelay.notification.retries")
public record RetryProperties(@DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> delays,
        @DefaultValue("0.2") double jitter, @DefaultValue("10h") Duration maxRetryAfter, @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease, @DefaultValue("50") int batch) {
}

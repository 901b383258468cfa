package org.leadrelay.intake.leads.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most so many leads per minute from one client address (bucket4j token buckets, refilled
 * greedily). Past it: 429 problem details with {@code Retry-After}, {@code RateLimit-Policy} and
 * {@code RateLimit} headers (IETF draft "RateLimit header fields for HTTP"). The buckets are
 * shared by every instance (kept in the database through {@code buckets}), so the limit holds for
 * the service as a whole. When the buckets cannot be read the lead is let through: refusing
 * customers because the limiter is down would be worse than a burst of spam.
 */
public class ClientRateLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ClientRateLimit.class);
    private static final int REMEMBERED_CLIENTS = 10_000;

    private final long perMinute;
    private final MeterRegistry meters;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    /**
     * Proxies of the most recently seen clients: requests of one client arriving together on this
     * instance are batched into one compare-and-swap (bucket4j's batching optimisation lives in
     * the proxy), instead of racing each other on the same bucket.
     */
    private final Map<String, BucketProxy> proxies = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BucketProxy> eldest) {
            return size() > REMEMBERED_CLIENTS;
        }
    });

    public ClientRateLimit(long perMinute, ProxyManager<String> buckets, MeterRegistry meters) {
        this.perMinute = perMinute;
        this.meters = meters;
        meters.counter("leadrelay.intake.rejected", "reason", "rate-limit"); // exported at 0 from the start
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe;
        try {
            probe = proxies.computeIfAbsent(request.getRemoteAddr(), client -> buckets.builder()
                    .withOptimization(Optimizations.batching())
                    .build("leads-per-minute|" + client, () -> configuration))
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            log.warn("rate limit not checked, the buckets cannot be read: {}", e.getMessage());
            chain.doFilter(request, response);
            return;
        }
        long resetSeconds = Math.max(1, (probe.getNanosToWaitForReset() + 999_999_999L) / 1_000_000_000L);
        response.setHeader("RateLimit-Policy", perMinute + ";w=60");
        response.setHeader("RateLimit", "limit=" + perMinute + ", remaining=" + probe.getRemainingTokens() + ", reset=" + resetSeconds);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        meters.counter("leadrelay.intake.rejected", "reason", "rate-limit").increment();
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Too many requests\",\"status\":429,"
                + "\"detail\":\"at most " + perMinute + " leads a minute from one address; retry in " + retryAfter + " s\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}

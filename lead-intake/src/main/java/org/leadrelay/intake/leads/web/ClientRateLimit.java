package org.leadrelay.intake.leads.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most so many leads per minute from one client address (bucket4j token buckets, refilled
 * greedily). Past it: 429 problem details with {@code Retry-After}, {@code RateLimit-Policy} and
 * {@code RateLimit} headers (IETF draft "RateLimit header fields for HTTP"). Buckets live in this
 * instance: behind a load balancer each instance allows the limit, so set it per instance. The
 * most recently seen clients are kept, the others forgotten, so memory stays bounded.
 */
public class ClientRateLimit extends OncePerRequestFilter {

    private static final int REMEMBERED_CLIENTS = 10_000;

    private final long perMinute;
    private final MeterRegistry meters;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > REMEMBERED_CLIENTS;
        }
    });

    public ClientRateLimit(long perMinute, MeterRegistry meters) {
        this.perMinute = perMinute;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), client -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
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

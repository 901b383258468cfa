package org.leadrelay.bench;

import java.util.List;
import java.util.Map;

/**
 * What one phase measured.
 *
 * @param posted          leads sent
 * @param accepted        answered 202 as a new lead
 * @param refused         the others, by status or error ({@code HTTP 429}, {@code duplicate}, {@code ConnectException})
 * @param delivered       accepted leads whose webhook reached the bench
 * @param unroutable      accepted leads the router put in the operators' queue
 * @param failedNotifications NotificationFailed events for the phase's leads
 * @param sendSeconds     from the first lead due to the last one sent
 * @param deliverySeconds from the first lead due to the last webhook
 * @param windowSeconds   the CPU window: from the first lead due until the phase was drained
 * @param stages          latency per stage (null for preload, which measures nothing)
 * @param cpu             CPU per process over the window
 * @param footprint       the launcher's and each service's footprint, sampled from the phase's start until it was
 *                        drained (none for warm-up and preload)
 */
record PhaseResult(PhaseSpec spec, long posted, long accepted, Map<String, Long> refused, long delivered, long unroutable,
        long failedNotifications, double sendSeconds, double deliverySeconds, double windowSeconds, StageHistograms stages,
        List<StackProcesses.CpuUse> cpu, List<FootprintSample> footprint) {

    /** Leads sent per second (the offered load). */
    double sentPerSecond() {
        return sendSeconds <= 0 ? Double.NaN : posted / sendSeconds;
    }

    /** Webhooks per second from the first lead due to the last webhook (the throughput end to end). */
    double deliveredPerSecond() {
        return deliverySeconds <= 0 ? Double.NaN : delivered / deliverySeconds;
    }

    long refusedCount() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }
}

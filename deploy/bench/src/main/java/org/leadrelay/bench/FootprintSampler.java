package org.leadrelay.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the footprint of the launcher and of each service while a measured phase runs: once as it
 * starts, every {@code every} on a thread of its own (so posting is never held up), and once when it
 * is drained. The bench itself is left out: it keeps every lead of the phase in memory by design.
 */
final class FootprintSampler {

    /** In the order StackProcesses found them, which the results keep. */
    private final Map<String, Long> pids;
    private final Map<String, Integer> servicePorts;
    private final Duration every;
    private final Path proc;

    FootprintSampler(StackProcesses processes, StackTarget stack, Duration every) {
        this(stackOnly(processes), stack.servicePorts(), every, ProcStat.PROC);
    }

    FootprintSampler(Map<String, Long> pids, Map<String, Integer> servicePorts, Duration every, Path proc) {
        this.pids = Collections.unmodifiableMap(new LinkedHashMap<>(pids));
        this.servicePorts = Map.copyOf(servicePorts);
        this.every = every;
        this.proc = proc;
    }

    private static Map<String, Long> stackOnly(StackProcesses processes) {
        Map<String, Long> stack = new LinkedHashMap<>(processes.pids());
        stack.remove(StackProcesses.BENCH);
        return stack;
    }

    /** Takes the first round now and the next ones every {@code every}, until {@link Recording#stop()}. */
    Recording start() {
        return new Recording();
    }

    /** The rounds of one phase. */
    final class Recording implements AutoCloseable {

        private final Queue<FootprintSample> samples = new ConcurrentLinkedQueue<>();
        private final long originNanos = System.nanoTime();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-footprint");
            thread.setDaemon(true);
            return thread;
        });
        private List<FootprintSample> stopped;

        private Recording() {
            round();
            long period = every.toNanos();
            timer.scheduleAtFixedRate(this::round, period, period, TimeUnit.NANOSECONDS);
        }

        private void round() {
            Instant at = Instant.now();
            double hours = (System.nanoTime() - originNanos) / 3.6e12;
            pids.forEach((process, pid) -> ProcStat.footprint(proc, pid).ifPresent(footprint -> {
                Integer port = servicePorts.get(process);
                samples.add(new FootprintSample(process, pid, at, hours,
                        port == null ? footprint : footprint.withHeapAfterGcKb(HeapAfterGc.of(port))));
            }));
        }

        /** Lets a round under way finish, takes the last one, and returns every sample, in time order. */
        synchronized List<FootprintSample> stop() {
            if (stopped == null) {
                timer.shutdown();
                try {
                    timer.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                round();
                // rounds never overlap (one thread, then this one after it ended), so the queue is in time order
                stopped = List.copyOf(samples);
            }
            return stopped;
        }

        /** Stops the timer without a last round (a phase that failed). */
        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}

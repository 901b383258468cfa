package org.leadrelay.bench;

/**
 * What one process holds at one moment.
 *
 * @param rssKb          resident memory ({@code VmRSS} of {@code /proc/<pid>/status}), in kB
 * @param openFiles      entries of {@code /proc/<pid>/fd}: files, sockets, pipes
 * @param threads        {@code Threads} of {@code /proc/<pid>/status}
 * @param heapAfterGcKb  a Java service's long-lived heap after its latest old-generation collection, in kB (Micrometer's
 *                       {@code jvm.gc.live.data.size}); null for the launcher, before the service's first such
 *                       collection, or when its metrics did not answer
 */
record Footprint(long rssKb, long openFiles, long threads, Long heapAfterGcKb) {

    Footprint {
        if (rssKb < 0 || openFiles < 0 || threads < 0 || heapAfterGcKb != null && heapAfterGcKb < 0) {
            throw new IllegalArgumentException("a footprint cannot be negative");
        }
    }

    Footprint withHeapAfterGcKb(Long kb) {
        return new Footprint(rssKb, openFiles, threads, kb);
    }
}

package org.leadrelay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A Java service's heap after garbage collection, read from its Prometheus scrape
 * ({@code /actuator/prometheus}, open without sign-in in every service, unlike {@code /actuator/metrics}).
 * The figure is Micrometer's {@code jvm.gc.live.data.size}: the old generation's use just after the latest
 * collection that reclaimed it. Heap used at an arbitrary moment would mostly show how far the young
 * generation had filled; what survives collection is what a leak would grow.
 */
final class HeapAfterGc {

    static final String METRIC = "jvm_gc_live_data_size_bytes";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private HeapAfterGc() {
    }

    /** The service's heap after GC in kB, or null when it does not answer or has not collected its old generation yet. */
    static Long of(int port) {
        URI scrape = URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(scrape).timeout(Duration.ofSeconds(5))
                    .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
            OptionalLong kb = response.statusCode() == 200 ? kilobytes(response.body()) : OptionalLong.empty();
            return kb.isPresent() ? kb.getAsLong() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * {@value #METRIC} in kB from a Prometheus text exposition, summed over its series (there is one); empty when
     * absent or 0 (Micrometer reports 0 until the first collection of the old generation).
     */
    static OptionalLong kilobytes(String exposition) {
        double bytes = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(METRIC + "{") || line.startsWith(METRIC + " ")) {
                // labels may hold spaces inside their quotes: the value follows the closing brace
                String rest = line.startsWith(METRIC + "{") ? line.substring(line.lastIndexOf('}') + 1) : line.substring(METRIC.length());
                bytes += Double.parseDouble(rest.trim().split("\\s+")[0]);
            }
        }
        return bytes > 0 ? OptionalLong.of(Math.round(bytes / 1024)) : OptionalLong.empty();
    }
}

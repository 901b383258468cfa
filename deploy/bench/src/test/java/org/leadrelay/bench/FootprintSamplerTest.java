package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintSamplerTest {

    @TempDir
    Path proc;

    private HttpServer service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void samplesAsThePhaseStartsAndWhenItStopsWithTheHeapOfServicesOnly() throws IOException {
        fakeProcess(10, 4);
        fakeProcess(20, 2);
        int port = serviceScraping("jvm_gc_live_data_size_bytes{service=\"lead-router\"} 3.145728E7\n");
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put(StackProcesses.LAUNCHER, 10L);
        pids.put("lead-router", 20L);
        pids.put("lead-intake", 30L);
        FootprintSampler sampler = new FootprintSampler(pids, Map.of("lead-router", port, "lead-intake", 1), Duration.ofHours(1), proc);

        FootprintSampler.Recording recording = sampler.start();
        List<FootprintSample> samples = recording.stop();

        assertThat(samples).extracting(FootprintSample::process)
                .as("lead-intake is gone: no samples").containsExactly(StackProcesses.LAUNCHER, "lead-router", StackProcesses.LAUNCHER, "lead-router");
        assertThat(samples.get(0).footprint()).isEqualTo(new Footprint(298_112, 4, 61, null));
        assertThat(samples.get(1).footprint()).isEqualTo(new Footprint(298_112, 2, 61, 30_720L));
        assertThat(samples.get(1).hours()).as("one round, one moment").isEqualTo(samples.get(0).hours());
        assertThat(samples.get(2).hours()).isGreaterThan(samples.get(0).hours());
        assertThat(recording.stop()).as("stopping again takes no more samples").isEqualTo(samples);
    }

    private void fakeProcess(long pid, int openFiles) throws IOException {
        Path fd = Files.createDirectories(proc.resolve(pid + "/fd"));
        try (InputStream status = getClass().getResourceAsStream("/proc/status-java.txt")) {
            Files.write(proc.resolve(pid + "/status"), status.readAllBytes());
        }
        for (int i = 0; i < openFiles; i++) {
            Files.createFile(fd.resolve(Integer.toString(i)));
        }
    }

    private int serviceScraping(String exposition) throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/actuator/prometheus", exchange -> {
            byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        return service.getAddress().getPort();
    }
}

package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {

    @TempDir
    Path proc;

    @Test
    void addsUserAndSystemTicks() {
        String stat = "4942 (java) S 4718 4718 4677 0 -1 1077936384 91466 0 1 0 2716 311 0 0 20 0 61 0 2861 9157926912 190237 "
                + "18446744073709551615 1 1 0 0 0 0 0 2 16800975 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(2716 + 311);
    }

    @Test
    void countsFieldsFromTheLastParenthesisSinceTheCommandNameMayHoldSpacesAndParentheses() {
        String stat = "77 (my (odd) cmd) R 1 77 77 0 -1 0 0 0 0 0 150 25 0 0 20 0 1 0 100 0 0";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(175);
    }

    @Test
    void readsThisProcessFromProc() {
        assumeTrue(Files.exists(Path.of("/proc/self/stat")), "Linux only");

        assertThat(ProcStat.cpuTicks(ProcessHandle.current().pid())).isPresent();
        assertThat(ProcStat.commandLine(ProcessHandle.current().pid())).isNotEmpty();
    }

    @Test
    void aServiceIsKnownByItsJarAndPort() {
        List<String> intake = List.of("/usr/bin/java", "-Xmx384m", "-jar", "./lead-intake/target/lead-intake-0.1.0-SNAPSHOT-exec.jar",
                "--server.port=8381", "--spring.kafka.bootstrap-servers=127.0.0.1:9392");

        assertThat(StackProcesses.isService(intake, "lead-intake", 8381)).isTrue();
        assertThat(StackProcesses.isService(intake, "lead-intake", 8081)).isFalse();
        assertThat(StackProcesses.isService(intake, "lead-router", 8381)).isFalse();
    }

    @Test
    void cpuPerLeadAndShareOfTheMachineOverAWindow() {
        StackProcesses.CpuSample before = new StackProcesses.CpuSample(0, Map.of("lead-router", 1_000L, "gone", 5L));
        StackProcesses.CpuSample after = new StackProcesses.CpuSample(10_000_000_000L, Map.of("lead-router", 1_500L));

        List<StackProcesses.CpuUse> uses = StackProcesses.between(before, after, 200, 100, 2);

        assertThat(uses).singleElement().satisfies(use -> {
            assertThat(use.process()).isEqualTo("lead-router");
            assertThat(use.seconds()).isEqualTo(5.0);
            assertThat(use.msPerLead()).isEqualTo(25.0);
            assertThat(use.share()).isEqualTo(0.25);
        });
    }

    @Test
    void readsResidentMemoryAndThreadsFromStatus() throws IOException {
        String status = fixture("status-java.txt");

        assertThat(ProcStat.statusField(status, "VmRSS")).hasValue(298_112);
        assertThat(ProcStat.statusField(status, "Threads")).hasValue(61);
    }

    @Test
    void aFieldIsMatchedWholeAndMayBeAbsent() throws IOException {
        // VmRSS must not be read from RssAnon or VmHWM; a kernel thread has no memory of its own
        assertThat(ProcStat.statusField(fixture("status-java.txt"), "Rss")).isEmpty();
        assertThat(ProcStat.statusField(fixture("status-kernel-thread.txt"), "VmRSS")).isEmpty();
    }

    @Test
    void countsOpenFilesAsTheEntriesOfTheFdDirectory() throws IOException {
        Path fd = Files.createDirectories(proc.resolve("4942/fd"));
        for (int i = 0; i < 7; i++) {
            Files.createFile(fd.resolve(Integer.toString(i)));
        }

        assertThat(ProcStat.openFiles(fd)).hasValue(7);
        assertThat(ProcStat.openFiles(proc.resolve("4943/fd"))).isEmpty();
    }

    @Test
    void readsAProcessFootprintUnderAProcDirectory() throws IOException {
        Path process = Files.createDirectories(proc.resolve("4942/fd"));
        Files.writeString(proc.resolve("4942/status"), fixture("status-java.txt"));
        for (int i = 0; i < 3; i++) {
            Files.createFile(process.resolve(Integer.toString(i)));
        }

        assertThat(ProcStat.footprint(proc, 4942)).hasValue(new Footprint(298_112, 3, 61, null));
        assertThat(ProcStat.footprint(proc, 4943)).as("gone").isEmpty();
    }

    @Test
    void aProcessWhoseFilesCannotBeListedHasNoFootprint() throws IOException {
        Files.createDirectories(proc.resolve("4942"));
        Files.writeString(proc.resolve("4942/status"), fixture("status-java.txt"));

        assertThat(ProcStat.footprint(proc, 4942)).isEmpty();
    }

    @Test
    void readsThisProcessFootprintFromProc() {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "Linux only");

        assertThat(ProcStat.footprint(ProcStat.PROC, ProcessHandle.current().pid())).hasValueSatisfying(footprint -> {
            assertThat(footprint.rssKb()).isPositive();
            assertThat(footprint.openFiles()).isGreaterThanOrEqualTo(3);
            assertThat(footprint.threads()).isGreaterThan(1);
        });
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ProcStatTest.class.getResourceAsStream("/proc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

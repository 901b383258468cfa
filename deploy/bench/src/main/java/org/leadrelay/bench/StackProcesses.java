package org.leadrelay.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes whose CPU the bench reports: each service (found by the {@code --server.port=}
 * the launcher starts it with, which no other stack on the machine shares), the launcher (their
 * parent, which also runs the Kafka broker, the MongoDB-wire server, the mail catcher and the demo
 * partner), and the bench itself.
 */
record StackProcesses(Map<String, Long> pids) {

    static final String LAUNCHER = "launcher (Kafka, MongoDB, SMTP)";
    static final String BENCH = "bench (this load tool)";

    static StackProcesses find(StackTarget stack) {
        Map<String, Long> services = new LinkedHashMap<>();
        List<ProcessHandle> all = ProcessHandle.allProcesses().toList();
        stack.servicePorts().forEach((service, port) -> all.stream()
                .filter(process -> isService(ProcStat.commandLine(process.pid()), service, port))
                .findFirst()
                .ifPresent(process -> services.put(service, process.pid())));
        Map<String, Long> pids = new LinkedHashMap<>();
        services.values().stream().findFirst()
                .flatMap(pid -> ProcessHandle.of(pid).flatMap(ProcessHandle::parent))
                .ifPresent(launcher -> pids.put(LAUNCHER, launcher.pid()));
        pids.putAll(services);
        pids.put(BENCH, ProcessHandle.current().pid());
        return new StackProcesses(pids);
    }

    static boolean isService(List<String> commandLine, String service, int port) {
        return commandLine.contains("--server.port=" + port) && commandLine.stream().anyMatch(arg -> arg.contains(service) && arg.endsWith(".jar"));
    }

    List<String> missing(StackTarget stack) {
        List<String> missing = new ArrayList<>();
        if (!pids.containsKey(LAUNCHER)) {
            missing.add("launcher");
        }
        stack.servicePorts().keySet().stream().filter(service -> !pids.containsKey(service)).forEach(missing::add);
        return missing;
    }

    CpuSample sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ProcStat.cpuTicks(pid).ifPresent(value -> ticks.put(name, value)));
        return new CpuSample(System.nanoTime(), ticks);
    }

    /** Every process's CPU ticks at one moment. */
    record CpuSample(long nanos, Map<String, Long> ticks) {
    }

    /**
     * One process's CPU over a window.
     *
     * @param seconds  CPU seconds it used in the window
     * @param msPerLead CPU milliseconds per lead accepted in the window
     * @param share    its share of the machine's cores over the window (1.0 = every core, all the time)
     */
    record CpuUse(String process, double seconds, double msPerLead, double share) {
    }

    static List<CpuUse> between(CpuSample before, CpuSample after, long leads, int ticksPerSecond, int cores) {
        double wallSeconds = (after.nanos() - before.nanos()) / 1e9;
        List<CpuUse> uses = new ArrayList<>();
        before.ticks().forEach((process, start) -> Optional.ofNullable(after.ticks().get(process)).ifPresent(end -> {
            double seconds = (end - start) / (double) ticksPerSecond;
            uses.add(new CpuUse(process, seconds, leads == 0 ? Double.NaN : seconds * 1000 / leads,
                    wallSeconds <= 0 ? Double.NaN : seconds / wallSeconds / cores));
        }));
        return uses;
    }
}

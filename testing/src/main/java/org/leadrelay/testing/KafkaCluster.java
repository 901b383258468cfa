package org.leadrelay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.leadrelay.events.Topics;
import org.leadrelay.kafka.StandaloneKafka;

/**
 * A Kafka cluster of KRaft nodes on loopback, each its own process (so a node can be killed as a
 * machine fails: SIGKILL, no shutdown), with the contract's topics replicated to every node and a
 * write taken once two have it ({@code min.insync.replicas} 2). A killed node restarts on its own
 * log directory and catches up.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(2);

    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final List<int[]> ports = new ArrayList<>();
    private final Process[] nodes;

    private KafkaCluster(Path dir, int size) {
        this.dir = dir;
        this.nodes = new Process[size];
        for (int i = 0; i < size; i++) {
            ports.add(new int[] {freePort(), freePort()});
        }
    }

    /** Starts the nodes together (a KRaft quorum needs a majority to elect) and creates the contract's topics. */
    public static KafkaCluster start(Path dir, int size) {
        KafkaCluster cluster = new KafkaCluster(dir, size);
        for (int node = 1; node <= size; node++) {
            cluster.launch(node);
        }
        cluster.awaitBrokers(size);
        cluster.createTopics();
        return cluster;
    }

    public String bootstrapServers() {
        return ports.stream().map(pair -> "127.0.0.1:" + pair[0]).collect(Collectors.joining(","));
    }

    /** Kills the node's process without letting it shut down, as a power cut would. */
    public void kill(int node) {
        Process process = nodes[node - 1];
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Kafka node " + node + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a killed node again on its log directory, and waits until the cluster has all its brokers. */
    public void restart(int node) {
        launch(node);
        awaitBrokers(nodes.length);
    }

    /** The node that leads the most partitions of these topics. */
    public int busiestLeader(Collection<String> topics) {
        Map<Integer, Long> led = describe(topics).values().stream().flatMap(topic -> topic.partitions().stream())
                .filter(partition -> partition.leader() != null)
                .collect(Collectors.groupingBy(partition -> partition.leader().id(), Collectors.counting()));
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** How many partitions of these topics have every replica in sync. */
    public long fullyReplicated(Collection<String> topics) {
        return describe(topics).values().stream().flatMap(topic -> topic.partitions().stream())
                .filter(partition -> partition.isr().size() == partition.replicas().size()).count();
    }

    /** Partitions of these topics, and their leaders. */
    public Map<String, List<Integer>> leaders(Collection<String> topics) {
        return describe(topics).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().partitions()
                .stream().map(TopicPartitionInfo::leader).map(leader -> leader == null ? -1 : leader.id()).toList()));
    }

    private Map<String, TopicDescription> describe(Collection<String> topics) {
        try (Admin admin = admin()) {
            return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topics + ": " + e.getMessage(), e);
        }
    }

    private void launch(int node) {
        Path logDir = dir.resolve("node-" + node);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xms128m", "-Xmx512m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StandaloneKafka.class.getName(), logDir.toString(), Integer.toString(node), clusterId));
        ports.forEach(pair -> command.add(pair[0] + ":" + pair[1]));
        try {
            Files.createDirectories(logDir);
            Path output = dir.resolve("node-" + node + ".log");
            nodes[node - 1] = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka node " + node, e);
        }
    }

    private void awaitBrokers(int count) {
        Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast(() -> {
                    for (int i = 0; i < nodes.length; i++) {
                        if (nodes[i] != null && !nodes[i].isAlive() && nodes[i].exitValue() != 137) {
                            throw new IllegalStateException("Kafka node " + (i + 1) + " stopped (exit " + nodes[i].exitValue() + "): "
                                    + tail(dir.resolve("node-" + (i + 1) + ".log")));
                        }
                    }
                })
                .until(() -> {
                    try (Admin admin = admin()) {
                        return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count;
                    }
                });
    }

    private void createTopics() {
        short replicas = (short) nodes.length;
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.plan(StandaloneKafka.PARTITIONS).stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicas).configs(spec.compacted()
                            ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                            : Map.of()))
                    .toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics: " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills every node. */
    @Override
    public void close() {
        for (Process node : nodes) {
            if (node != null) {
                node.destroyForcibly();
            }
        }
    }
}

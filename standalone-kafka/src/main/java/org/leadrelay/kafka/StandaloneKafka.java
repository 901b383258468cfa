package org.leadrelay.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Time;
import org.leadrelay.events.Topics;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), started from the
 * Kafka jars on fixed loopback ports, its log in a directory of the caller's so topics, records and
 * committed offsets survive a restart. The log directory is formatted once, on first start. The
 * local stack runs on it, and tests that stop and restart a broker use it.
 */
public final class StandaloneKafka implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private StandaloneKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker and creates the contract's topics that are missing.
     *
     * @throws IllegalStateException when the broker cannot start or become ready
     */
    public static StandaloneKafka start(Path logDir, int port, int controllerPort) {
        Properties config = config(1, port, controllerPort, "1@127.0.0.1:" + controllerPort, 1, logDir);
        formatOnce(logDir, config, Uuid.randomUuid().toString());
        StandaloneKafka broker = startServer(config, port);
        broker.createTopics();
        return broker;
    }

    /**
     * Starts one node (broker and controller) of a cluster of several on loopback, each with its
     * own log directory, which a restart finds again. Topics are the cluster owner's to create.
     *
     * @param nodes     every node's broker and controller port, node 1 first
     * @param clusterId the id every node's log directory is formatted with
     */
    public static StandaloneKafka startNode(Path logDir, int nodeId, List<int[]> nodes, String clusterId) {
        String voters = java.util.stream.IntStream.range(0, nodes.size())
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + nodes.get(i)[1])
                .collect(java.util.stream.Collectors.joining(","));
        int[] own = nodes.get(nodeId - 1);
        Properties config = config(nodeId, own[0], own[1], voters, nodes.size(), logDir);
        formatOnce(logDir, config, clusterId);
        return startServer(config, own[0]);
    }

    /**
     * Runs one node of a cluster as its own process, until it is killed: {@code <log-dir> <node-id>
     * <cluster-id> <port>:<controller-port>...} (every node's ports, node 1 first). Prints
     * {@code started} once it serves.
     */
    public static void main(String[] args) {
        List<int[]> nodes = java.util.Arrays.stream(args).skip(3)
                .map(pair -> java.util.Arrays.stream(pair.split(":")).mapToInt(Integer::parseInt).toArray())
                .toList();
        StandaloneKafka node = startNode(Path.of(args[0]), Integer.parseInt(args[1]), nodes, args[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "kafka-stop"));
        System.out.println("started");
        System.out.flush();
    }

    /**
     * A node's configuration; with several nodes, every topic the broker creates itself (the
     * consumer offsets, transactions) is replicated to all of them and takes a write once two have it.
     */
    private static Properties config(int nodeId, int port, int controllerPort, String voters, int nodes, Path logDir) {
        String replicas = Integer.toString(nodes);
        String inSync = Integer.toString(Math.min(nodes, 2));
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(nodeId)),
                Map.entry("controller.quorum.voters", voters),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", Integer.toString(PARTITIONS)),
                Map.entry("default.replication.factor", replicas),
                Map.entry("min.insync.replicas", inSync),
                Map.entry("offsets.topic.replication.factor", replicas),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", replicas),
                Map.entry("transaction.state.log.min.isr", inSync),
                Map.entry("share.coordinator.state.topic.replication.factor", replicas),
                Map.entry("share.coordinator.state.topic.min.isr", inSync),
                // every synchronous offset commit would wait this long (5 ms by default); see STACK.md
                Map.entry("group.coordinator.append.linger.ms", "0"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // topics exist because they were declared with their intended configuration
                Map.entry("auto.create.topics.enable", "false")));
        return config;
    }

    private static StandaloneKafka startServer(Properties config, int port) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        return new StandaloneKafka(server, "127.0.0.1:" + port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private static void formatOnce(Path logDir, Properties config, String clusterId) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Path properties = Files.createTempFile("leadrelay-kafka", ".properties");
            try (var out = Files.newOutputStream(properties)) {
                config.store(out, "Lead Relay local broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool$.MODULE$.execute(new String[] {"format", "--cluster-id", clusterId,
                    "--config", properties.toString(), "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
            Files.deleteIfExists(properties);
            if (exit != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** Creates the contract's topics and dead-letter topics that are missing, with their configuration. */
    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.plan(PARTITIONS).stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.compacted()
                            ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                            : Map.of()))
                    .toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka broker did not become ready: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}

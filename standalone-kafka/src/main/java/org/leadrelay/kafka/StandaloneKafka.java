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
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", Integer.toString(PARTITIONS)),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // every synchronous offset commit would wait this long (5 ms by default); see STACK.md
                Map.entry("group.coordinator.append.linger.ms", "0"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // topics exist because they were declared with their intended configuration
                Map.entry("auto.create.topics.enable", "false")));
        formatOnce(logDir, config);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        StandaloneKafka broker = new StandaloneKafka(server, "127.0.0.1:" + port);
        broker.createTopics();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    private static void formatOnce(Path logDir, Properties config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Path properties = Files.createTempFile("leadrelay-kafka", ".properties");
            try (var out = Files.newOutputStream(properties)) {
                config.store(out, "Lead Relay local broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool$.MODULE$.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
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

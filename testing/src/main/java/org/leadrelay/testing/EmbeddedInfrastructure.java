package org.leadrelay.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** spring-kafka-test's KRaft broker and an in-memory mongo-java-server, both on loopback. */
final class EmbeddedInfrastructure implements Infrastructure {

    private final EmbeddedKafkaKraftBroker kafka;
    private final MongoServer mongo;
    private final String mongoUri;

    private EmbeddedInfrastructure(EmbeddedKafkaKraftBroker kafka, MongoServer mongo, InetSocketAddress mongoAddress) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.mongoUri = "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort();
    }

    static EmbeddedInfrastructure start() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.brokerProperties(Map.of(
                // Kafka 4.1 lingers 5 ms before appending offset commits; tests commit after every poll
                "group.coordinator.append.linger.ms", "0",
                "offsets.topic.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                // topics exist because a service declared them, with their intended configuration
                "auto.create.topics.enable", "false"));
        kafka.afterPropertiesSet();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        return new EmbeddedInfrastructure(kafka, mongo, address);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    public String mongoUri() {
        return mongoUri;
    }

    @Override
    public void close() {
        mongo.shutdownNow();
        kafka.destroy();
    }
}

package org.leadrelay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

@WithInfrastructure
class InfrastructureIT {

    @Test
    void publishesTheAddressesAsSpringProperties(Infrastructure infrastructure) {
        assertThat(System.getProperty(InfrastructureExtension.KAFKA_PROPERTY)).isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(System.getProperty(InfrastructureExtension.MONGO_PROPERTY)).isEqualTo(infrastructure.mongoUri());
    }

    @Test
    void isStartedOncePerJvm(Infrastructure infrastructure) {
        assertThat(Infrastructure.shared()).isSameAs(infrastructure);
    }

    @Test
    void brokerCarriesARecordFromProducerToConsumer(Infrastructure infrastructure) throws Exception {
        String topic = "probe-" + UUID.randomUUID();
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (TopicProbe probe = TopicProbe.on(topic)) {
            probe.send(topic, "k1", Map.of("ce_type", "t".getBytes(StandardCharsets.UTF_8)), "hello".getBytes(StandardCharsets.UTF_8));

            var record = probe.awaitRecord(TopicProbe.keyed("k1"));

            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("t");
        }
    }

    @Test
    void databaseStoresAndFindsADocument(Infrastructure infrastructure) {
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            MongoCollection<Document> things = client.getDatabase("infrastructure-it").getCollection("things");
            String id = UUID.randomUUID().toString();
            things.insertOne(new Document("_id", id).append("name", "thing"));

            assertThat(things.find(new Document("_id", id)).first()).containsEntry("name", "thing");
        }
    }
}

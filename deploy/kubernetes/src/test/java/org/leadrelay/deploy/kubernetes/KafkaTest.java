package org.leadrelay.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leadrelay.deploy.kubernetes.Chart.at;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Strimzi cluster and the contract's topics, or an external cluster instead. */
class KafkaTest {

    private static final String STRIMZI = "kafka.strimzi.io/v1beta2";
    private static final Chart.Rendered PRODUCTION = Chart.forProduction();

    @Test
    void runsThreeKraftNodesWithReplicationThreeAndTwoInSyncReplicas() {
        for (Chart.Rendered rendered : List.of(Chart.byDefault(), PRODUCTION)) {
            GenericKubernetesResource kafka = rendered.get(STRIMZI, "Kafka", "leadrelay");
            assertThat(kafka.getMetadata().getAnnotations())
                    .containsEntry("strimzi.io/kraft", "enabled")
                    .containsEntry("strimzi.io/node-pools", "enabled");
            Map<String, Object> config = at(kafka, "spec", "kafka", "config");
            assertThat(config).containsEntry("default.replication.factor", 3)
                    .containsEntry("min.insync.replicas", 2)
                    .containsEntry("offsets.topic.replication.factor", 3)
                    .containsEntry("transaction.state.log.replication.factor", 3)
                    .containsEntry("transaction.state.log.min.isr", 2)
                    .containsEntry("unclean.leader.election.enable", false)
                    .containsEntry("auto.create.topics.enable", false)
                    .containsEntry("group.coordinator.append.linger.ms", 0);
            assertThat((Object) at(kafka, "spec", "entityOperator", "topicOperator")).isNotNull();
            List<Map<String, Object>> listeners = at(kafka, "spec", "kafka", "listeners");
            assertThat(listeners).anySatisfy(listener -> assertThat(listener).containsEntry("port", 9092));

            assertThat(rendered.all(STRIMZI, "KafkaNodePool")).singleElement().satisfies(pool -> {
                assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "leadrelay");
                assertThat((Integer) at(pool, "spec", "replicas")).isEqualTo(3);
                assertThat((List<String>) at(pool, "spec", "roles")).containsExactlyInAnyOrder("controller", "broker");
            });
        }
    }

    @Test
    void declaresEveryContractTopicAndItsDeadLetterTopic() {
        List<String> topics = Contract.topics();
        assertThat(topics).contains("leads.received.v2", "partners.v1", "leads.assignments.v2");
        List<String> expected = topics.stream().flatMap(topic -> Stream.of(topic, topic + ".dlq")).toList();
        List<String> compacted = Contract.compactedTopics();
        assertThat(compacted).containsExactly("partners.v1");

        List<GenericKubernetesResource> declared = PRODUCTION.all(STRIMZI, "KafkaTopic");
        assertThat(declared).extracting(topic -> (String) at(topic, "spec", "topicName"))
                .containsExactlyInAnyOrderElementsOf(expected);
        for (GenericKubernetesResource topic : declared) {
            String name = at(topic, "spec", "topicName");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "leadrelay");
            assertThat((Integer) at(topic, "spec", "replicas")).as(name).isEqualTo(3);
            // values-production.yaml: 12 partitions, a dead-letter topic as many as its topic
            assertThat((Integer) at(topic, "spec", "partitions")).as(name).isEqualTo(12);
            Map<String, Object> config = at(topic, "spec", "config");
            assertThat(config).as(name).containsEntry("min.insync.replicas", 2);
            if (compacted.contains(name)) {
                assertThat(config).as(name).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
            } else {
                // a week for the topics, two for the dead-letter topics (values.yaml events.*RetentionMs)
                assertThat(config).as(name).containsEntry("cleanup.policy", "delete")
                        .containsEntry("retention.ms", name.endsWith(".dlq") ? 1_209_600_000 : 604_800_000)
                        .containsEntry("segment.ms", 86_400_000);
            }
        }
        // the services declare the topics with the same partitions
        assertThat(PRODUCTION.get(Deployment.class, Chart.objectName("lead-router")).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("LEADRELAY_EVENTS_PARTITIONS");
                    assertThat(env.getValue()).isEqualTo("12");
                });
        // and the same retentions, which they set on the topics they declare
        assertThat(PRODUCTION.get(Deployment.class, Chart.objectName("lead-router")).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("LEADRELAY_EVENTS_RETENTION");
                    assertThat(env.getValue()).isEqualTo("604800000ms");
                })
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("LEADRELAY_EVENTS_DEAD_LETTER_RETENTION");
                    assertThat(env.getValue()).isEqualTo("1209600000ms");
                });
        // under Strimzi its topic operator alone manages the topics' configuration
        for (String service : Chart.SERVICES) {
            assertThat(PRODUCTION.get(Deployment.class, Chart.objectName(service)).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getEnv())
                    .filteredOn(env -> env.getName().equals("SPRING_KAFKA_ADMIN_MODIFY_TOPIC_CONFIGS")).singleElement()
                    .satisfies(env -> assertThat(env.getValue()).as(service).isEqualTo("false"));
        }
    }

    @Test
    void refusesTheRetentionSettingThatMoved(@TempDir Path directory) throws IOException {
        Path values = Files.writeString(directory.resolve("old-retention.yaml"), """
                kafka:
                  strimzi:
                    retentionMs: 86400000
                """);

        assertThatThrownBy(() -> Chart.renderText(command -> command.withValuesFile(values)))
                .hasMessageContaining("kafka.strimzi.retentionMs moved to events.retentionMs");
    }

    @Test
    void usesAnExternalClusterWhenStrimziIsOff(@TempDir Path directory) throws IOException {
        Path values = Files.writeString(directory.resolve("external-kafka.yaml"), """
                kafka:
                  strimzi:
                    enabled: false
                  external:
                    bootstrapServers: broker-1.example.net:9092,broker-2.example.net:9092
                autoscaling:
                  keda:
                    enabled: true
                """);
        Chart.Rendered external = Chart.render(command -> command.withValuesFile(values));

        assertThat(external.all(STRIMZI, "Kafka")).isEmpty();
        assertThat(external.all(STRIMZI, "KafkaNodePool")).isEmpty();
        assertThat(external.all(STRIMZI, "KafkaTopic")).isEmpty();
        for (String service : Chart.SERVICES) {
            assertThat(external.get(Deployment.class, Chart.objectName(service)).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getEnv())
                    .anySatisfy(env -> {
                        assertThat(env.getName()).isEqualTo("SPRING_KAFKA_BOOTSTRAP_SERVERS");
                        assertThat(env.getValue()).isEqualTo("broker-1.example.net:9092,broker-2.example.net:9092");
                    })
                    // without Strimzi the services set the topics' retention themselves
                    .noneSatisfy(env -> assertThat(env.getName()).isEqualTo("SPRING_KAFKA_ADMIN_MODIFY_TOPIC_CONFIGS"));
        }
        for (GenericKubernetesResource scaledObject : external.all("keda.sh/v1alpha1", "ScaledObject")) {
            List<Map<String, Object>> triggers = at(scaledObject, "spec", "triggers");
            assertThat(triggers).singleElement().satisfies(trigger -> assertThat((Map<String, Object>) trigger.get("metadata"))
                    .containsEntry("bootstrapServers", "broker-1.example.net:9092,broker-2.example.net:9092"));
        }
    }
}

package org.leadrelay.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.deploy.kubernetes.Chart.at;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** lead-router and notification-service follow their consumer lag (KEDA) or their CPU (HPA). */
class ScalingTest {

    private static final String KEDA = "keda.sh/v1alpha1";

    /** The lead topic each scaled service consumes (its other binding, partners.v1, carries no load). */
    private static final Map<String, String> LEAD_TOPICS =
            Map.of("lead-router", "leads.received.v2", "notification-service", "leads.assignments.v2");

    @Test
    void kedaScalesOnTheLagOfTheServicesRealConsumerGroups() {
        Chart.Rendered production = Chart.forProduction();

        assertThat(production.all(KEDA, "ScaledObject")).extracting(object -> object.getMetadata().getName())
                .containsExactlyInAnyOrder("leadrelay-lead-router", "leadrelay-notification-service");
        assertThat(production.all(HorizontalPodAutoscaler.class)).isEmpty();
        for (String service : Chart.SCALED_SERVICES) {
            String topic = LEAD_TOPICS.get(service);
            String group = Contract.consumerGroups(service).get(topic);
            assertThat(group).as("%s's group on %s in %s.yml", service, topic, service).isNotBlank();

            GenericKubernetesResource scaledObject = production.get(KEDA, "ScaledObject", Chart.objectName(service));
            assertThat((String) at(scaledObject, "spec", "scaleTargetRef", "name")).isEqualTo(Chart.objectName(service));
            assertThat((Integer) at(scaledObject, "spec", "minReplicaCount")).isEqualTo(2);
            // never more instances than partitions (12 in values-production.yaml): the rest would idle
            assertThat((Integer) at(scaledObject, "spec", "maxReplicaCount")).isBetween(2, 12);
            List<Map<String, Object>> triggers = at(scaledObject, "spec", "triggers");
            assertThat(triggers).singleElement().satisfies(trigger -> {
                assertThat(trigger).containsEntry("type", "kafka");
                assertThat((Map<String, Object>) trigger.get("metadata"))
                        .containsEntry("consumerGroup", group)
                        .containsEntry("topic", topic)
                        .containsEntry("bootstrapServers", "leadrelay-kafka-bootstrap:9092")
                        .containsKey("lagThreshold");
            });
        }
    }

    @Test
    void withoutKedaAnHpaScalesOnCpu() {
        Chart.Rendered defaults = Chart.byDefault();

        assertThat(defaults.all(KEDA, "ScaledObject")).isEmpty();
        assertThat(defaults.all(HorizontalPodAutoscaler.class)).extracting(hpa -> hpa.getMetadata().getName())
                .containsExactlyInAnyOrder("leadrelay-lead-router", "leadrelay-notification-service");
        for (HorizontalPodAutoscaler hpa : defaults.all(HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(hpa.getMetadata().getName());
            assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(1, 100);
            });
        }
    }
}

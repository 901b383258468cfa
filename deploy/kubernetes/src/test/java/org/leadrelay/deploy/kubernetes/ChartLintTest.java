package org.leadrelay.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartLintTest {

    @Test
    void lintsWithoutWarningsInStrictMode() {
        LintResult result = Chart.lint();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void lintsWithoutWarningsWithTheProductionExampleToo(@TempDir Path work) throws Exception {
        LintResult result = Chart.lintForProduction(work);

        assertThat(result.isFailed()).as("helm lint --strict with values-production.yaml: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void rendersWithTheDefaultValuesAndWithTheProductionExample() {
        assertThat(Chart.byDefault().objects()).extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "Ingress", "Kafka",
                        "KafkaNodePool", "KafkaTopic", "HorizontalPodAutoscaler", "ConfigMap");
        assertThat(Chart.forProduction().objects()).extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "Ingress", "Kafka",
                        "KafkaNodePool", "KafkaTopic", "ScaledObject", "ServiceMonitor", "PrometheusRule", "ConfigMap");
    }

    @Test
    void needsABootstrapAddressWithoutStrimzi() {
        assertThatThrownBy(() -> Chart.renderText(command -> command.set("kafka.strimzi.enabled", false)))
                .hasMessageContaining("kafka.external.bootstrapServers is required");
    }
}

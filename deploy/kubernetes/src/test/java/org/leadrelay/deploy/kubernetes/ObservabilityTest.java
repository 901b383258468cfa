package org.leadrelay.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The dashboards and alerts are deploy/observability's: a chart cannot read outside its folder,
 * so it carries copies, which must stay byte for byte the same as the originals.
 */
class ObservabilityTest {

    private static final Path DASHBOARDS = Path.of("..", "observability", "grafana", "dashboards");
    private static final Path RULES = Path.of("..", "observability", "prometheus", "rules");
    private static final Path CHART_DASHBOARDS = Chart.DIRECTORY.resolve("files/dashboards");
    private static final Path CHART_RULES = Chart.DIRECTORY.resolve("files/rules");

    private static List<String> names(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void theChartsDashboardsAreExactCopiesOfDeployObservability() throws IOException {
        List<String> originals = names(DASHBOARDS, ".json");
        assertThat(originals).isNotEmpty();
        assertThat(names(CHART_DASHBOARDS, ".json"))
                .as("copy them: cp deploy/observability/grafana/dashboards/*.json deploy/kubernetes/leadrelay/files/dashboards/")
                .containsExactlyElementsOf(originals);
        for (String name : originals) {
            assertThat(Files.readAllBytes(CHART_DASHBOARDS.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(DASHBOARDS.resolve(name)));
        }
    }

    @Test
    void theChartsAlertRulesAreExactCopiesOfDeployObservability() throws IOException {
        List<String> originals = names(RULES, ".yml");
        assertThat(originals).isNotEmpty();
        assertThat(names(CHART_RULES, ".yml"))
                .as("copy them: cp deploy/observability/prometheus/rules/*.yml deploy/kubernetes/leadrelay/files/rules/")
                .containsExactlyElementsOf(originals);
        for (String name : originals) {
            assertThat(Files.readAllBytes(CHART_RULES.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(RULES.resolve(name)));
        }
    }

    @Test
    void everyDashboardIsAConfigMapForGrafanasSidecarWithTheFileUnchanged() throws IOException {
        List<ConfigMap> dashboards = Chart.byDefault().all(ConfigMap.class).stream()
                .filter(map -> "1".equals(map.getMetadata().getLabels().get("grafana_dashboard")))
                .toList();
        List<String> originals = names(DASHBOARDS, ".json");
        assertThat(dashboards).hasSameSizeAs(originals);
        for (String name : originals) {
            assertThat(dashboards).filteredOn(map -> map.getData().containsKey(name)).singleElement()
                    .satisfies(map -> assertThat(map.getData().get(name)).as(name)
                            .isEqualTo(Files.readString(DASHBOARDS.resolve(name))));
        }
        for (ConfigMap dashboard : dashboards) {
            JsonNode json = JsonMapper.shared().readTree(dashboard.getData().values().iterator().next());
            assertThat(json.path("panels").isArray()).isTrue();
        }
    }

    @Test
    void theAlertsAreAPrometheusRuleWithTheRuleFilesGroups() throws IOException {
        assertThat(Chart.byDefault().all("monitoring.coreos.com/v1", "PrometheusRule")).isEmpty();

        List<GenericKubernetesResource> rules = Chart.forProduction().all("monitoring.coreos.com/v1", "PrometheusRule");
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
            JsonNode original = new YAMLMapper().readTree(Files.readString(RULES.resolve("leadrelay.rules.yml")));
            JsonNode rendered = new YAMLMapper().valueToTree(rule.getAdditionalProperties().get("spec"));
            assertThat(rendered).isEqualTo(original);
            // Prometheus' own templates reach the operator untouched by Helm
            assertThat(rendered.toString()).contains("{{ $labels.");
        });
        Map<String, Object> spec = (Map<String, Object>) rules.get(0).getAdditionalProperties().get("spec");
        assertThat((List<?>) spec.get("groups")).isNotEmpty();
    }
}

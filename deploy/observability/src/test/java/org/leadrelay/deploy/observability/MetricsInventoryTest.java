package org.leadrelay.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * metrics.txt lists every metric name the dashboards and alert rules read, sorted, one a line: the names a scrape of the
 * running services (plus Prometheus's own {@code up}) must show. Regenerate it after changing a query with
 * {@code ./mvnw -o -q -pl deploy/observability verify -Dleadrelay.observability.write-metrics=true}, then check each new
 * name against the services' sources.
 */
class MetricsInventoryTest {

    @Test
    void metricsFileListsExactlyTheMetricsTheDashboardsAndRulesRead() throws IOException {
        Set<String> used = Observability.metricNamesUsed();
        if (Boolean.getBoolean("leadrelay.observability.write-metrics")) {
            Files.writeString(Observability.METRICS, String.join("\n", used) + "\n");
        }
        List<String> listed = Observability.metricsFile();

        assertThat(listed).as("metrics.txt is sorted, without repeats").isSorted().doesNotHaveDuplicates();
        assertThat(listed).as("metrics.txt against the names the dashboards and rules read (regenerate with "
                + "-Dleadrelay.observability.write-metrics=true)").containsExactlyElementsOf(new ArrayList<>(used));
    }

    @Test
    void everyNameIsAValidPrometheusMetricName() {
        assertThat(Observability.metricsFile()).isNotEmpty().allMatch(name -> name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"));
    }

    @Test
    void theDashboardsReadEveryMetricTheRulesAlertOn() {
        Set<String> fromRules = new java.util.TreeSet<>();
        Observability.alerts().forEach(a -> fromRules.addAll(PromQl.metricNames(a.expression())));
        Set<String> fromDashboards = new java.util.TreeSet<>();
        Observability.dashboardQueries().stream().filter(q -> !q.variable()).forEach(q -> fromDashboards.addAll(PromQl.metricNames(q.expression())));

        assertThat(fromDashboards).as("what an alert watches can be seen on a dashboard").containsAll(fromRules);
    }
}

package org.leadrelay.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** prometheus/prometheus.yml and alertmanager/alertmanager.yml as Prometheus' own checker reads them. */
class PrometheusConfigTest {

    @Test
    void promtoolAcceptsThePrometheusConfiguration() {
        String promtool = Commands.onPath("promtool");
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus)");

        Commands.Result check = Commands.run(List.of(promtool, "check", "config", "prometheus/prometheus.yml"), 60);

        assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
        assertThat(check.stdout()).contains("SUCCESS");
    }

    @Test
    void alertmanagerMailsThroughTheComposeFilesRelay() {
        var alertmanager = Deployment.yaml(Deployment.COMPOSE_DIR.resolve("alertmanager/alertmanager.yml"));

        assertThat(Deployment.<Object>map(alertmanager.get("global"))).containsEntry("smtp_smarthost", "mailpit:1025");
        assertThat(Deployment.services()).containsKeys("mailpit", "alertmanager");
        assertThat(String.valueOf(Deployment.yaml(Deployment.COMPOSE_DIR.resolve("prometheus/prometheus.yml")).get("alerting")))
                .contains("alertmanager:9093");
    }
}

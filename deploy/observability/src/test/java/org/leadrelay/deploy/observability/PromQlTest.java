package org.leadrelay.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void readsMetricNamesAndLeavesOutFunctionsLabelsAndKeywords() {
        String expression = """
                sum by (channel) (rate(leadrelay_notifications_attempts_seconds_count{outcome="failed"}[15m]))
                / on (channel) group_left sum by (channel) (rate(leadrelay_notifications_attempts_seconds_count[15m])) > 0.2
                unless leadrelay_notifications_pending offset 30m
                """;

        assertThat(PromQl.metricNames(expression))
                .containsExactly("leadrelay_notifications_attempts_seconds_count", "leadrelay_notifications_pending");
    }

    @Test
    void leavesOutLabelValuesThatLookLikeNamesAndRegexEscapes() {
        String expression = "max by (topic) (spring_cloud_stream_binder_kafka_offset{group=~\"operator-console\\\\..*dead-letters\", "
                + "topic!=\"up\"}) and up{job=~\".*(lead-router)\"} == 0";

        assertThat(PromQl.metricNames(expression)).containsExactly("spring_cloud_stream_binder_kafka_offset", "up");
    }

    @Test
    void leavesOutGrafanaVariablesAndAggregationClausesAfterTheCall() {
        String expression = "histogram_quantile(0.95, sum(rate(leadrelay_console_event_lag_seconds_bucket{instance=~\"$instance\"}"
                + "[$__rate_interval])) by (le)) * 60 + process_cpu_usage>bool 1e3";

        assertThat(PromQl.metricNames(expression)).containsExactly("leadrelay_console_event_lag_seconds_bucket", "process_cpu_usage");
    }

    @Test
    void readsOnlyTheMetricOfALabelValuesVariable() {
        assertThat(PromQl.variableQueryMetricNames("label_values(jvm_info{service=~\"$service\"}, instance)")).containsExactly("jvm_info");
        assertThat(PromQl.variableQueryMetricNames("label_values(instance)")).isEmpty();
    }
}

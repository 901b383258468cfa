package org.leadrelay.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AlertRulesTest {

    private static final String RUNBOOK_SECTION = "## Alerts: runbook";
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    private static final Map<String, String> GRAFANA_VALUES = Map.of("__rate_interval", "5m", "__interval", "1m", "__range", "6h",
            "__range_s", "21600");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Path promtool = promtool();
        Promtool.Result result = Promtool.run(promtool, Observability.HOME, List.of("check", "rules", "prometheus/rules/leadrelay.rules.yml"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + Observability.alerts().size() + " rules found");
    }

    @Test
    void promtoolUnitTestsOfTheRulesPass() throws Exception {
        Path promtool = promtool();
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        Observability.ruleTestFiles().forEach(f -> arguments.add(Observability.HOME.relativize(f).toString()));
        assertThat(arguments).hasSizeGreaterThan(2);

        Promtool.Result result = Promtool.run(promtool, Observability.HOME, arguments);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("FAILED");
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        Path promtool = promtool();
        JsonMapper json = JsonMapper.builder().build();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (Observability.Query query : Observability.dashboardQueries()) {
            if (query.variable()) {
                continue;
            }
            Matcher m = GRAFANA_VARIABLE.matcher(query.expression());
            String expression = m.replaceAll(r -> Matcher.quoteReplacement(GRAFANA_VALUES.getOrDefault(r.group(1), ".*")));
            rules.append("      - record: dashboard:query:").append(n++).append('\n')
                    .append("        expr: ").append(json.writeValueAsString(expression)).append('\n');
        }
        Path file = dir.resolve("dashboards.rules.yml");
        Files.writeString(file, rules);

        Promtool.Result result = Promtool.run(promtool, dir, List.of("check", "rules", file.getFileName().toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
    }

    @Test
    void everyAlertHasAUniqueNameASeverityAndItsAnnotations() {
        List<Observability.Alert> alerts = Observability.alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        assertThat(alerts).extracting(Observability.Alert::name).doesNotHaveDuplicates().allMatch(name -> name.startsWith("LeadRelay"));
        for (Observability.Alert alert : alerts) {
            assertThat(alert.labels().path("severity").asString()).as(alert.name() + " severity").isIn("critical", "warning");
            assertThat(alert.annotations().path("summary").asString()).as(alert.name() + " summary").isNotBlank();
            assertThat(alert.annotations().path("description").asString()).as(alert.name() + " description").isNotBlank();
            assertThat(alert.annotations().path("runbook_url").asString()).as(alert.name() + " runbook_url")
                    .isEqualTo("docs/operations.md#" + anchor(alert.name()));
        }
    }

    @Test
    void everyRunbookLinkLeadsToASectionOfTheOperationsGuide() throws IOException {
        Set<String> anchors = runbookAnchors();

        assertThat(anchors).as("the subsections of \"" + RUNBOOK_SECTION + "\" in docs/operations.md")
                .containsAll(Observability.alerts().stream().map(a -> a.annotations().path("runbook_url").asString())
                        .map(url -> url.substring(url.indexOf('#') + 1)).toList());
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() {
        Map<String, Set<String>> cases = new HashMap<>();
        for (Path file : Observability.ruleTestFiles()) {
            JsonNode tests = Observability.yaml(file);
            assertThat(tests.path("rule_files").values()).as(file + " rule_files").extracting(JsonNode::asString)
                    .containsExactly("../rules/leadrelay.rules.yml");
            for (JsonNode test : tests.path("tests").values()) {
                for (JsonNode check : test.path("alert_rule_test").values()) {
                    String outcome = check.path("exp_alerts").values().isEmpty() ? "silent" : "firing";
                    cases.computeIfAbsent(check.path("alertname").asString(), k -> new HashSet<>()).add(outcome);
                }
            }
        }
        Set<String> names = new LinkedHashSet<>();
        Observability.alerts().forEach(a -> names.add(a.name()));

        assertThat(cases.keySet()).as("alerts named in the tests exist").isSubsetOf(names);
        for (String name : names) {
            assertThat(cases.get(name)).as(name + " is tested firing and not firing").containsExactlyInAnyOrder("firing", "silent");
        }
    }

    private static Set<String> runbookAnchors() throws IOException {
        List<String> lines = Files.readAllLines(Observability.OPERATIONS);
        int start = lines.indexOf(RUNBOOK_SECTION);
        assertThat(start).as("docs/operations.md has a section \"" + RUNBOOK_SECTION + "\"").isNotNegative();
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("### ")) {
                anchors.add(anchor(line.substring(4)));
            }
        }
        return anchors;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Path promtool() {
        Path promtool = Promtool.find().orElse(null);
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus)");
        return promtool;
    }
}

package org.leadrelay.deploy.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The files of deploy/observability, read as the tests need them. */
final class Observability {

    /** The module's directory: Maven runs the tests there. */
    static final Path HOME = Path.of("").toAbsolutePath();
    static final Path DASHBOARDS = HOME.resolve("grafana/dashboards");
    static final Path RULES_DIR = HOME.resolve("prometheus/rules");
    static final Path RULES = RULES_DIR.resolve("leadrelay.rules.yml");
    static final Path RULE_TESTS = HOME.resolve("prometheus/tests");
    static final Path METRICS = HOME.resolve("metrics.txt");
    static final Path OPERATIONS = HOME.resolve("../../docs/operations.md").normalize();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** A dashboard's query: where it is and its PromQL. */
    record Query(String where, String expression, boolean variable) {
    }

    /** An alerting rule. */
    record Alert(String name, String expression, JsonNode labels, JsonNode annotations) {
    }

    private Observability() {
    }

    static List<Path> dashboardFiles() {
        return list(DASHBOARDS, ".json");
    }

    static List<Path> ruleTestFiles() {
        return list(RULE_TESTS, ".yml");
    }

    static JsonNode json(Path file) {
        return JSON.readTree(file.toFile());
    }

    static JsonNode yaml(Path file) {
        return YAML.readTree(file.toFile());
    }

    static List<Query> dashboardQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode board = json(file);
            String uid = board.path("uid").asString();
            for (JsonNode variable : board.path("templating").path("list").values()) {
                if ("query".equals(variable.path("type").asString())) {
                    JsonNode query = variable.path("query");
                    String text = query.isString() ? query.asString() : query.path("query").asString();
                    queries.add(new Query(uid + " variable " + variable.path("name").asString(), text, true));
                }
            }
            for (JsonNode panel : panels(board)) {
                for (JsonNode target : panel.path("targets").values()) {
                    queries.add(new Query(uid + " panel " + panel.path("id").asInt() + " \"" + panel.path("title").asString() + "\" "
                            + target.path("refId").asString(), target.path("expr").asString(), false));
                }
            }
        }
        return queries;
    }

    /** Every panel, those inside collapsed rows included, rows themselves left out. */
    static List<JsonNode> panels(JsonNode board) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : board.path("panels").values()) {
            if ("row".equals(panel.path("type").asString())) {
                panel.path("panels").values().forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    static List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : yaml(RULES).path("groups").values()) {
            for (JsonNode rule : group.path("rules").values()) {
                if (rule.has("alert")) {
                    alerts.add(new Alert(rule.path("alert").asString(), rule.path("expr").asString(), rule.path("labels"),
                            rule.path("annotations")));
                }
            }
        }
        return alerts;
    }

    /** Every metric name the dashboards and the alert rules read, sorted. */
    static Set<String> metricNamesUsed() {
        Set<String> names = new TreeSet<>();
        for (Query query : dashboardQueries()) {
            names.addAll(query.variable() ? PromQl.variableQueryMetricNames(query.expression()) : PromQl.metricNames(query.expression()));
        }
        for (JsonNode group : yaml(RULES).path("groups").values()) {
            for (JsonNode rule : group.path("rules").values()) {
                names.addAll(PromQl.metricNames(rule.path("expr").asString()));
            }
        }
        return names;
    }

    static List<String> metricsFile() {
        try {
            return Files.readAllLines(METRICS).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

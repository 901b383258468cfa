package org.leadrelay.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DashboardsTest {

    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range", "__range_s");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");

    @Test
    void theDashboardsAreThereOneFilePerTopic() {
        assertThat(Observability.dashboardFiles()).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrder("lead-flow.json", "deliveries.json", "kafka.json", "relays.json", "dead-letters.json", "jvm.json");
    }

    @Test
    void everyDashboardHasAUniqueUidAndTitleAndARecentSchema() {
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Path file : Observability.dashboardFiles()) {
            JsonNode board = Observability.json(file);
            assertThat(board.path("uid").asString()).as(file + " uid").matches("leadrelay-[a-z-]+").hasSizeLessThanOrEqualTo(40);
            assertThat(uids.add(board.path("uid").asString())).as(file + " uid is unique").isTrue();
            assertThat(titles.add(board.path("title").asString())).as(file + " title is unique").isTrue();
            assertThat(board.path("schemaVersion").asInt()).as(file + " schemaVersion").isBetween(36, 41);
            assertThat(board.path("id").isMissingNode() || board.path("id").isNull()).as(file + " carries no instance id").isTrue();
        }
    }

    @Test
    void everyDashboardChoosesItsPrometheusDataSourceByVariable() {
        for (Path file : Observability.dashboardFiles()) {
            JsonNode variables = Observability.json(file).path("templating").path("list");
            assertThat(variables.values()).as(file + " variables")
                    .anySatisfy(v -> {
                        assertThat(v.path("name").asString()).isEqualTo("datasource");
                        assertThat(v.path("type").asString()).isEqualTo("datasource");
                        assertThat(v.path("query").asString()).isEqualTo("prometheus");
                    });
            for (JsonNode variable : variables.values()) {
                if ("query".equals(variable.path("type").asString())) {
                    assertThat(variable.path("datasource").path("uid").asString()).as(file + " variable " + variable.path("name"))
                            .isEqualTo("${datasource}");
                }
            }
        }
    }

    @Test
    void everyPanelHasTheDataSourceAndAtLeastOneQuery() {
        for (Path file : Observability.dashboardFiles()) {
            JsonNode board = Observability.json(file);
            List<JsonNode> panels = Observability.panels(board);
            assertThat(panels).as(file + " panels").isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode row : board.path("panels").values()) {
                assertThat(ids.add(row.path("id").asInt())).as(file + " panel id " + row.path("id") + " is unique").isTrue();
            }
            for (JsonNode panel : panels) {
                String where = file.getFileName() + " panel \"" + panel.path("title").asString() + "\"";
                assertThat(panel.path("title").asString()).as(where + " title").isNotBlank();
                assertThat(panel.path("datasource").path("type").asString()).as(where + " datasource type").isEqualTo("prometheus");
                assertThat(panel.path("datasource").path("uid").asString()).as(where + " datasource uid").isEqualTo("${datasource}");
                assertThat(panel.path("targets").values()).as(where + " targets").isNotEmpty().allSatisfy(target -> {
                    assertThat(target.path("expr").asString()).as(where + " expr").isNotBlank();
                    assertThat(target.path("datasource").path("uid").asString()).as(where + " target datasource").isEqualTo("${datasource}");
                });
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(where + " fits the 24 columns").isBetween(1, 24);
                assertThat(grid.path("h").asInt()).as(where + " height").isPositive();
            }
        }
    }

    @Test
    void everyQueryUsesOnlyVariablesTheDashboardDefines() {
        for (Path file : Observability.dashboardFiles()) {
            JsonNode board = Observability.json(file);
            Set<String> defined = new HashSet<>(GRAFANA_VARIABLES);
            board.path("templating").path("list").values().forEach(v -> defined.add(v.path("name").asString()));
            List<String> used = new ArrayList<>();
            for (JsonNode panel : Observability.panels(board)) {
                for (JsonNode target : panel.path("targets").values()) {
                    Matcher m = VARIABLE.matcher(target.path("expr").asString());
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
            assertThat(defined).as(file + " defines every variable its queries use").containsAll(used);
        }
    }
}

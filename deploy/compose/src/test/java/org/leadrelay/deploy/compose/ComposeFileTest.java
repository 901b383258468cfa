package org.leadrelay.deploy.compose;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.deploy.compose.Deployment.environment;
import static org.leadrelay.deploy.compose.Deployment.leadRelayServiceOf;
import static org.leadrelay.deploy.compose.Deployment.list;
import static org.leadrelay.deploy.compose.Deployment.map;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** compose.yaml as written: what a production deployment of Lead Relay needs, checked without an engine. */
class ComposeFileTest {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(_KEY$|PASSWORD|SECRET|TOKEN|_OPERATORS_|_VIEWERS_|_SECURITY_SERVICES_).*");
    private static final Pattern URI_CREDENTIALS = Pattern.compile("//([^:/@]+):([^@]*)@");

    private final Map<String, Map<String, Object>> services = Deployment.services();

    /** Compose service name to the Lead Relay service it runs, for every instance. */
    private Map<String, String> instances() {
        Map<String, String> instances = new TreeMap<>();
        services.forEach((name, service) -> {
            String leadRelay = leadRelayServiceOf(service);
            if (leadRelay != null) {
                instances.put(name, leadRelay);
            }
        });
        return instances;
    }

    @Test
    void everyLeadRelayImageIsNamedAsDeployImagesPropertiesSays() {
        Map<String, String> instances = instances();

        assertThat(new TreeSet<>(instances.values())).containsExactlyInAnyOrderElementsOf(Deployment.leadRelayServices());
        instances.forEach((name, leadRelay) -> assertThat(services.get(name).get("image")).as(name)
                .isEqualTo(Deployment.expectedImage(leadRelay)));
        services.forEach((name, service) -> {
            if (leadRelayServiceOf(service) == null) {
                assertThat(String.valueOf(service.get("image"))).as(name + ": infrastructure, not a Lead Relay image")
                        .doesNotContain("LEADRELAY_REGISTRY", "LEADRELAY_IMAGE_TAG");
            }
        });
    }

    @Test
    void theExampleEnvFileNamesTheSameRegistryAndTag() {
        Map<String, String> example = Deployment.envFile(Deployment.ENV_EXAMPLE);

        assertThat(example).containsEntry("LEADRELAY_REGISTRY", Deployment.images().getProperty("registry"))
                .containsEntry("LEADRELAY_IMAGE_TAG", Deployment.images().getProperty("tag"));
    }

    @Test
    void runsTwoInstancesOfTheRouterAndTheNotifierAndOneOfEveryOtherService() {
        Map<String, Long> count = instances().values().stream().collect(groupingBy(service -> service, TreeMap::new, counting()));

        assertThat(count).containsEntry("lead-router", 2L).containsEntry("notification-service", 2L)
                .containsEntry("lead-intake", 1L).containsEntry("operator-console", 1L)
                // its publication order lives in memory: never two (docs/operations.md, Scaling)
                .containsEntry("partner-directory", 1L);
    }

    @Test
    void writesNoSecretValueAndTakesEverySecretFromTheEnvFile() {
        services.forEach((name, service) -> environment(service).forEach((variable, value) -> {
            String what = name + " " + variable;
            String literal = value == null ? "" : Deployment.VARIABLE.matcher(value).replaceAll("");
            if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(Deployment.requiredVariables(value)).as(what + " comes from a required variable").isNotEmpty();
                // nothing but a password-encoding prefix may be written beside the variable
                assertThat(literal).as(what).isIn("", "{noop}");
            }
            Matcher credentials = URI_CREDENTIALS.matcher(value == null ? "" : value);
            if (credentials.find()) {
                assertThat(credentials.group(2)).as(what + ": the URI's password").matches("\\$\\{[A-Z0-9_]+:\\?[^}]*}");
            }
        }));
    }

    @Test
    void theExampleEnvFileListsEveryRequiredVariableWithPlaceholdersNoServiceAccepts() {
        Map<String, String> example = Deployment.envFile(Deployment.ENV_EXAMPLE);
        Set<String> required = new TreeSet<>(Deployment.requiredVariables(Deployment.read(Deployment.COMPOSE_FILE)));

        assertThat(example.keySet()).containsAll(required);
        // a copied example must not run: the services refuse keys under 32 characters and
        // passwords under 16 (service-kit's StartupSafety)
        required.stream().filter(name -> SECRET_NAME.matcher(name).matches() || name.endsWith("_ACCOUNT"))
                .forEach(name -> assertThat(example.get(name).replace("{noop}", "")).as(name).hasSizeLessThan(16));
        assertThat(Deployment.read(Deployment.COMPOSE_DIR.resolve(".gitignore")).lines()).contains(".env");
    }

    @Test
    void givesEveryLongRunningServiceAHealthcheckAndRunsOneShotsToCompletionFirst() {
        Set<String> oneShots = new HashSet<>();
        services.values().forEach(service -> dependencies(service).forEach((dependency, condition) -> {
            if ("service_completed_successfully".equals(condition)) {
                oneShots.add(dependency);
            }
        }));

        assertThat(oneShots).containsExactly("mongo-init");
        services.forEach((name, service) -> {
            if (oneShots.contains(name)) {
                assertThat(service.get("restart")).as(name).isEqualTo("no");
            } else {
                Map<String, Object> healthcheck = map(service.get("healthcheck"));
                assertThat(healthcheck).as(name + " healthcheck").isNotNull().doesNotContainEntry("disable", true);
                assertThat(list(healthcheck.get("test"))).as(name).isNotEmpty().doesNotContain("NONE");
            }
        });
        instances().keySet().forEach(name -> assertThat(String.valueOf(list(map(services.get(name).get("healthcheck")).get("test"))))
                .as(name).contains("/actuator/health/readiness"));
    }

    @Test
    void startsEveryServiceOnceTheBrokersAreHealthyAndTheReplicaSetIsInitiated() {
        instances().keySet().forEach(name -> assertThat(dependencies(services.get(name))).as(name)
                .containsEntry("kafka-1", "service_healthy").containsEntry("kafka-2", "service_healthy")
                .containsEntry("kafka-3", "service_healthy").containsEntry("mongo-init", "service_completed_successfully"));
        assertThat(dependencies(services.get("mongo-init"))).containsEntry("mongo-1", "service_healthy")
                .containsEntry("mongo-2", "service_healthy").containsEntry("mongo-3", "service_healthy");
        services.forEach((name, service) -> assertThat(services.keySet()).as(name + " depends on services that exist")
                .containsAll(dependencies(service).keySet()));
    }

    @Test
    void runsThreeKafkaBrokersThatGiveEveryTopicThreeReplicasAndTwoInSync() {
        Map<String, Map<String, String>> brokers = new TreeMap<>();
        services.forEach((name, service) -> {
            if (String.valueOf(service.get("image")).startsWith("apache/kafka:")) {
                brokers.put(name, environment(service));
            }
        });

        assertThat(brokers).hasSize(3);
        assertThat(brokers.values().stream().map(broker -> broker.get("KAFKA_NODE_ID")).toList()).containsExactlyInAnyOrder("1", "2", "3");
        brokers.forEach((name, broker) -> {
            assertThat(broker.get("KAFKA_PROCESS_ROLES")).as(name).contains("broker").contains("controller");
            assertThat(broker.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).as(name)
                    .containsExactlyInAnyOrder(brokers.keySet().stream().map(id -> environment(services.get(id)).get("KAFKA_NODE_ID") + "@" + id + ":9093")
                            .toArray(String[]::new));
            assertThat(broker.get("KAFKA_ADVERTISED_LISTENERS")).as(name).isEqualTo("PLAINTEXT://" + name + ":9092");
            assertThat(broker).as(name).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_GROUP_COORDINATOR_APPEND_LINGER_MS", "0")
                    .containsKey("KAFKA_LOG_RETENTION_HOURS");
            assertThat(broker.get("CLUSTER_ID")).as(name).isEqualTo(brokers.values().iterator().next().get("CLUSTER_ID"));
        });
        instances().forEach((name, leadRelay) -> {
            Map<String, String> environment = environment(services.get(name));
            assertThat(environment).as(name).containsEntry("LEADRELAY_EVENTS_REPLICATION_FACTOR", "3");
            assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS").split(",")).as(name)
                    .containsExactlyInAnyOrder(brokers.keySet().stream().map(broker -> broker + ":9092").toArray(String[]::new));
            // the brokers' default partitions and the services' declared ones are the same setting
            assertThat(environment.get("LEADRELAY_EVENTS_PARTITIONS")).as(name)
                    .isEqualTo(brokers.values().iterator().next().get("KAFKA_NUM_PARTITIONS"));
        });
    }

    @Test
    void runsAThreeMemberReplicaSetAndGivesEveryServiceItsOwnDatabase() {
        Map<String, Map<String, Object>> mongods = new TreeMap<>();
        services.forEach((name, service) -> {
            if (String.valueOf(service.get("command")).contains("mongod --replSet rs0")) {
                mongods.put(name, service);
            }
        });
        String initScript = Deployment.read(Deployment.COMPOSE_DIR.resolve("mongo/init-replica-set.js"));

        assertThat(mongods).hasSize(3);
        mongods.keySet().forEach(name -> assertThat(initScript).contains("host: \"" + name + ":27017\""));
        assertThat(initScript).contains("_id: \"rs0\"");
        Map<String, String> databases = new TreeMap<>();
        instances().forEach((name, leadRelay) -> {
            Map<String, String> environment = environment(services.get(name));
            String uri = environment.get("SPRING_MONGODB_URI");
            assertThat(uri).as(name).contains(String.join(",", mongods.keySet().stream().map(host -> host + ":27017").toList()))
                    .contains("replicaSet=rs0").contains("/" + leadRelay + "?").startsWith("mongodb://" + leadRelay + ":");
            assertThat(environment).as(name).containsEntry("SPRING_MONGODB_DATABASE", leadRelay);
            assertThat(initScript).as("the init script creates " + leadRelay + "'s user").contains("\"" + leadRelay + "\":");
            databases.put(name, leadRelay);
        });
        assertThat(new TreeSet<>(databases.values())).hasSameSizeAs(Deployment.leadRelayServices());
    }

    @Test
    void trustsForwardedHeadersFromTheProxyAlone() {
        Map<String, Object> network = map(map(services.get("proxy").get("networks")).get("leadrelay"));
        String proxyAddress = String.valueOf(network.get("ipv4_address"));
        Map<String, Object> ipam = list(map(map(map(Deployment.compose().get("networks")).get("leadrelay")).get("ipam")).get("config")).stream()
                .map(Deployment::<Object>map).findFirst().orElseThrow();

        instances().keySet().forEach(name -> {
            Pattern trusted = Pattern.compile(environment(services.get(name)).get("LEADRELAY_TRUSTED_PROXIES"));
            assertThat(trusted.matcher(proxyAddress).matches()).as(name + " trusts the proxy " + proxyAddress).isTrue();
            assertThat(trusted.matcher("172.30.0.130").matches()).as(name + " trusts no other container").isFalse();
        });
        // the proxy's address can never be handed to another container
        assertThat(ipam.get("ip_range")).isEqualTo("172.30.0.128/25");
        assertThat(Integer.parseInt(proxyAddress.substring(proxyAddress.lastIndexOf('.') + 1))).isLessThan(128);
        assertThat(String.valueOf(ipam.get("subnet"))).isEqualTo("172.30.0.0/24");
        assertThat(proxyAddress).startsWith("172.30.0.");
    }

    @Test
    void publishesOnlyTheProxyBeyondThisHost() {
        services.forEach((name, service) -> {
            List<Object> ports = service.get("ports") == null ? List.of() : list(service.get("ports"));
            if (name.equals("proxy")) {
                assertThat(ports).hasSize(2);
            } else if (leadRelayServiceOf(service) != null) {
                assertThat(ports).as(name + ": reached through the proxy only").isEmpty();
            } else {
                ports.forEach(port -> assertThat(String.valueOf(port)).as(name).startsWith("127.0.0.1:"));
            }
        });
    }

    @Test
    void prometheusScrapesEveryInstanceOfEveryService() {
        Map<String, Object> prometheus = Deployment.yaml(Deployment.COMPOSE_DIR.resolve("prometheus/prometheus.yml"));
        Map<String, String> scraped = new TreeMap<>();
        for (Map<String, Object> job : Deployment.<Map<String, Object>>list(prometheus.get("scrape_configs"))) {
            for (Map<String, Object> staticConfig : Deployment.<Map<String, Object>>list(job.get("static_configs"))) {
                for (Object target : list(staticConfig.get("targets"))) {
                    scraped.put(String.valueOf(target), job.get("job_name") + " " + job.get("metrics_path"));
                }
            }
        }

        instances().forEach((name, leadRelay) -> assertThat(scraped).as(name)
                .containsEntry(name + ":8080", leadRelay + " /actuator/prometheus"));
        scraped.keySet().forEach(target -> assertThat(target.startsWith("127.0.0.1:") || services.containsKey(target.split(":")[0]))
                .as(target + " is a container of compose.yaml").isTrue());
        assertThat(list(prometheus.get("rule_files"))).containsExactly("/etc/prometheus/rules/*.yml");
        assertThat(list(services.get("prometheus").get("volumes"))).contains("../observability/prometheus/rules:/etc/prometheus/rules:ro",
                "./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheSharedDashboards() {
        Map<String, Object> datasource = Deployment.<Map<String, Object>>list(
                Deployment.yaml(Deployment.COMPOSE_DIR.resolve("grafana/provisioning/datasources/prometheus.yml")).get("datasources")).get(0);
        Map<String, Object> provider = Deployment.<Map<String, Object>>list(
                Deployment.yaml(Deployment.COMPOSE_DIR.resolve("grafana/provisioning/dashboards/leadrelay.yml")).get("providers")).get(0);
        List<Object> volumes = list(services.get("grafana").get("volumes"));

        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090").containsEntry("uid", "prometheus");
        assertThat(volumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
                "../observability/grafana/dashboards:" + map(provider.get("options")).get("path") + ":ro");
    }

    @Test
    void notificationServiceSendsThroughMailpitByDefault() {
        instances().forEach((name, leadRelay) -> {
            if (leadRelay.equals("notification-service")) {
                Map<String, String> environment = environment(services.get(name));
                assertThat(environment).as(name).containsEntry("SPRING_MAIL_HOST", "${LEADRELAY_SMTP_HOST:-mailpit}")
                        .containsEntry("SPRING_MAIL_PORT", "${LEADRELAY_SMTP_PORT:-1025}");
                assertThat(dependencies(services.get(name))).containsEntry("mailpit", "service_healthy");
            }
        });
    }

    private static Map<String, String> dependencies(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        Map<String, String> conditions = new TreeMap<>();
        if (dependsOn instanceof Map<?, ?> map) {
            map.forEach((name, condition) -> conditions.put(String.valueOf(name),
                    condition instanceof Map<?, ?> details ? String.valueOf(details.get("condition")) : "service_started"));
        } else if (dependsOn instanceof List<?> list) {
            list.forEach(name -> conditions.put(String.valueOf(name), "service_started"));
        }
        return conditions;
    }
}

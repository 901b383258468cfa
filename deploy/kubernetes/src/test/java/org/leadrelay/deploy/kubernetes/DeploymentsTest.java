package org.leadrelay.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every service's Deployment, with the default values and with the production example. */
class DeploymentsTest {

    private static final Chart.Rendered DEFAULTS = Chart.byDefault();
    private static final Chart.Rendered PRODUCTION = Chart.forProduction();

    static Stream<Arguments> deployments() {
        return Stream.of(DEFAULTS, PRODUCTION).flatMap(rendered -> Chart.SERVICES.stream()
                .map(service -> Arguments.of(service, rendered.get(Deployment.class, Chart.objectName(service)))));
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        return container(deployment).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void probesTheActuatorHealthGroupsOnTheServicePort(String service, Deployment deployment) {
        Container container = container(deployment);
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getContainerPort()).isEqualTo(8080);
            assertThat(port.getName()).isEqualTo("http");
        });
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
        assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
        // the start-up probe holds the liveness probe back for as long as a slow start takes
        Probe startup = container.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(120);
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void requestsAndLimitsCpuAndMemory(String service, Deployment deployment) {
        var resources = container(deployment).getResources();
        assertThat(resources.getRequests()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits().get("memory").getNumericalAmount())
                .isGreaterThanOrEqualTo(resources.getRequests().get("memory").getNumericalAmount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void runsAsTheImagesUnprivilegedUserOnAReadOnlyFilesystem(String service, Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();

        var security = container(deployment).getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        // the only writable directory: /tmp, on an emptyDir
        assertThat(container(deployment).getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
            assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals(mount.getName()))
                    .singleElement().satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void readsKafkaMongoAndTheProductionSettings(String service, Deployment deployment) {
        Map<String, EnvVar> env = env(deployment);
        assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS").getValue()).isEqualTo("leadrelay-kafka-bootstrap:9092");
        assertThat(env.get("LEADRELAY_EVENTS_REPLICATION_FACTOR").getValue()).isEqualTo("3");
        assertThat(env.get("LEADRELAY_DEVELOPMENT").getValue()).isEqualTo("false");
        assertThat(env.get("SERVER_ADDRESS").getValue()).isEqualTo("0.0.0.0");
        assertThat(env.get("SPRING_MONGODB_DATABASE").getValue()).isEqualTo(service);

        EnvVar mongo = env.get("SPRING_MONGODB_URI");
        assertThat(mongo.getValue()).isNull();
        assertThat(mongo.getValueFrom().getSecretKeyRef().getName()).isEqualTo("leadrelay-mongodb");
        assertThat(mongo.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("uri");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void takesEveryKeyAndPasswordFromTheSecretAndNoneFromValues(String service, Deployment deployment) {
        Map<String, EnvVar> env = env(deployment);
        Map<String, String> expected = switch (service) {
            case "lead-intake" -> Map.of("LEADRELAY_INTAKE_FORM_SIGNING_KEY", "intake-form-signing-key",
                    "LEADRELAY_INTAKE_SECURITY_OPERATORS_OPERATOR", "intake-operator-account",
                    "LEADRELAY_INTAKE_SECURITY_SERVICES_NOTIFICATION", "intake-key-reader-account");
            case "partner-directory" -> Map.of(
                    "LEADRELAY_WEBHOOKS_MASTER_KEY", "webhooks-master-key",
                    "LEADRELAY_DIRECTORY_SECURITY_OPERATORS_OPERATOR", "directory-operator-account");
            case "lead-router" -> Map.of(
                    "LEADRELAY_ANSWERS_SIGNING_KEY", "answers-signing-key",
                    "LEADRELAY_ROUTER_SECURITY_OPERATORS_OPERATOR", "router-operator-account");
            case "notification-service" -> Map.of(
                    "LEADRELAY_WEBHOOKS_MASTER_KEY", "webhooks-master-key",
                    "LEADRELAY_ANSWERS_SIGNING_KEY", "answers-signing-key",
                    "LEADRELAY_NOTIFICATION_SECURITY_OPERATORS_OPERATOR", "notification-operator-account",
                    "LEADRELAY_NOTIFICATION_LEAD_KEYS_PASSWORD", "intake-key-reader-password");
            case "operator-console" -> Map.of(
                    "LEADRELAY_CONSOLE_SECURITY_OPERATORS_OPERATOR", "console-operator-account",
                    "LEADRELAY_CONSOLE_SECURITY_VIEWERS_VIEWER", "console-viewer-account",
                    "LEADRELAY_CONSOLE_SERVICES_ROUTER_PASSWORD", "router-operator-password",
                    "LEADRELAY_CONSOLE_SERVICES_NOTIFICATION_PASSWORD", "notification-operator-password",
                    "LEADRELAY_CONSOLE_SERVICES_DIRECTORY_PASSWORD", "directory-operator-password",
                    "LEADRELAY_CONSOLE_SERVICES_INTAKE_PASSWORD", "intake-operator-password");
            default -> throw new IllegalArgumentException(service);
        };
        expected.forEach((variable, key) -> {
            assertThat(env).containsKey(variable);
            assertThat(env.get(variable).getValueFrom().getSecretKeyRef().getName()).isEqualTo("leadrelay-secrets");
            assertThat(env.get(variable).getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
        });
        // no key, password, account or connection string is ever a literal value
        assertThat(env.values()).filteredOn(variable -> variable.getName().matches(
                        ".*(_KEY|PASSWORD|_OPERATORS_.*|_VIEWERS_.*|_SECURITY_SERVICES_.*|MONGODB_URI|USERNAME)$")
                        // the accounts' names the console and the notification service sign in with are not secrets
                        && !variable.getName().startsWith("LEADRELAY_CONSOLE_SERVICES_")
                        && !variable.getName().equals("LEADRELAY_NOTIFICATION_LEAD_KEYS_USERNAME"))
                .allSatisfy(variable -> assertThat(variable.getValue()).as(variable.getName()).isNull());
    }

    @Test
    void theConsoleReachesTheOperatorApisThroughTheirServices() {
        Map<String, EnvVar> env = env(DEFAULTS.get(Deployment.class, Chart.objectName("operator-console")));
        assertThat(env.get("LEADRELAY_CONSOLE_SERVICES_ROUTER_URL").getValue()).isEqualTo("http://leadrelay-lead-router:8080");
        assertThat(env.get("LEADRELAY_CONSOLE_SERVICES_NOTIFICATION_URL").getValue())
                .isEqualTo("http://leadrelay-notification-service:8080");
        assertThat(env.get("LEADRELAY_CONSOLE_SERVICES_DIRECTORY_URL").getValue())
                .isEqualTo("http://leadrelay-partner-directory:8080");
        assertThat(env.get("LEADRELAY_CONSOLE_SERVICES_INTAKE_URL").getValue()).isEqualTo("http://leadrelay-lead-intake:8080");
        assertThat(env.get("LEADRELAY_CONSOLE_SERVICES_ROUTER_USERNAME").getValue()).isEqualTo("operator");
    }

    @Test
    void partnersAnswerLinksPointAtThePublicHost() {
        Map<String, EnvVar> env = env(PRODUCTION.get(Deployment.class, Chart.objectName("notification-service")));
        assertThat(env.get("LEADRELAY_NOTIFICATION_ANSWER_BASE_URL").getValue()).isEqualTo("https://leads.example.com");
    }

    @Test
    void imagesAreNamedAsDeployImagesPropertiesSays() throws IOException {
        Properties images = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("..", "images.properties"))) {
            images.load(reader);
        }
        assertThat(List.of(images.getProperty("services").split(","))).containsExactlyElementsOf(Chart.SERVICES);
        for (String service : Chart.SERVICES) {
            assertThat(container(DEFAULTS.get(Deployment.class, Chart.objectName(service))).getImage())
                    .isEqualTo(images.getProperty("registry") + "/" + service + ":" + images.getProperty("tag"));
        }
        assertThat(container(PRODUCTION.get(Deployment.class, Chart.objectName("lead-router"))).getImage())
                .isEqualTo("registry.example.com/leadrelay/lead-router:" + images.getProperty("tag"));
    }

    @Test
    void runsTwoInstancesOfEveryServiceButTheConsoleAndRollsThem() {
        // lead-router and notification-service are sized by their autoscaler (minimum 2)
        for (String service : Chart.SCALED_SERVICES) {
            assertThat(DEFAULTS.get(Deployment.class, Chart.objectName(service)).getSpec().getReplicas()).isNull();
        }
        Deployment directory = DEFAULTS.get(Deployment.class, Chart.objectName("partner-directory"));
        assertThat(directory.getSpec().getReplicas()).isEqualTo(2);
        assertThat(directory.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(DEFAULTS.get(Deployment.class, Chart.objectName("lead-intake")).getSpec().getReplicas()).isEqualTo(2);

        Chart.Rendered unscaled = Chart.render(command -> command.set("autoscaling.hpa.enabled", false));
        for (String service : Chart.SCALED_SERVICES) {
            assertThat(unscaled.get(Deployment.class, Chart.objectName(service)).getSpec().getReplicas()).isEqualTo(2);
        }
    }
}

package org.leadrelay.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadrelay.deploy.kubernetes.Chart.at;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How each service is reached: Service, PDB, NetworkPolicy, Ingress, ServiceMonitor. */
class ExposureTest {

    private static final Chart.Rendered DEFAULTS = Chart.byDefault();
    private static final Chart.Rendered PRODUCTION = Chart.forProduction();
    private static final List<String> PUBLIC = List.of("lead-intake", "partner-directory", "lead-router", "operator-console");
    private static final List<String> OPERATOR_APIS = List.of("partner-directory", "lead-router", "notification-service", "lead-intake");

    @Test
    void everyServiceHasAServiceSelectingItsPodsOnPort8080() {
        for (String service : Chart.SERVICES) {
            Service object = DEFAULTS.get(Service.class, Chart.objectName(service));
            Map<String, String> podLabels = DEFAULTS.get(Deployment.class, Chart.objectName(service))
                    .getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(object.getSpec().getSelector());
            assertThat(object.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", service);
            assertThat(object.getSpec().getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getPort()).isEqualTo(8080);
            });
        }
    }

    @Test
    void everyServiceHasADisruptionBudgetThatNeverBlocksADrainForever() {
        for (String service : Chart.SERVICES) {
            PodDisruptionBudget budget = DEFAULTS.get(PodDisruptionBudget.class, Chart.objectName(service));
            assertThat(budget.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", service);
            // every service runs two instances or more: a drain never takes the last
            assertThat(budget.getSpec().getMinAvailable().getIntVal()).as(service).isEqualTo(1);
        }
    }

    @Test
    void networkPoliciesAdmitOnlyTheIngressControllerPrometheusTheConsoleAndForLeadsKeysTheNotificationService() {
        for (String service : Chart.SERVICES) {
            NetworkPolicy policy = PRODUCTION.get(NetworkPolicy.class, Chart.objectName(service));
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", service);

            List<NetworkPolicyIngressRule> ingress = policy.getSpec().getIngress();
            assertThat(ingress).allSatisfy(rule -> {
                assertThat(rule.getFrom()).isNotEmpty();
                assertThat(rule.getPorts()).singleElement()
                        .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("http"));
            });
            assertThat(ingress.stream().anyMatch(rule -> fromNamespace(rule, "ingress-nginx")))
                    .as("%s from the ingress controller", service).isEqualTo(PUBLIC.contains(service));
            assertThat(ingress).as("%s from Prometheus", service).anyMatch(rule -> fromNamespace(rule, "monitoring")
                    && rule.getFrom().get(0).getPodSelector().getMatchLabels().containsKey("app.kubernetes.io/name"));
            assertThat(ingress.stream().anyMatch(rule -> rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                            && "operator-console".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))))
                    .as("%s from the console", service).isEqualTo(OPERATOR_APIS.contains(service));
            boolean keys = "lead-intake".equals(service);
            assertThat(ingress.stream().anyMatch(rule -> rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                            && "notification-service".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))))
                    .as("%s from the notification service (leads' keys)", service).isEqualTo(keys);
            assertThat(ingress).hasSize((PUBLIC.contains(service) ? 1 : 0) + 1 + (OPERATOR_APIS.contains(service) ? 1 : 0) + (keys ? 1 : 0));
        }
    }

    private static boolean fromNamespace(NetworkPolicyIngressRule rule, String namespace) {
        return rule.getFrom().stream().map(NetworkPolicyPeer::getNamespaceSelector).filter(Objects::nonNull)
                .anyMatch(selector -> namespace.equals(selector.getMatchLabels().get("kubernetes.io/metadata.name")));
    }

    @Test
    void networkPoliciesLetOutOnlyDnsKafkaMongoAndForNotificationsSmtpAndPublicHttps() {
        for (String service : Chart.SERVICES) {
            List<NetworkPolicyEgressRule> egress = PRODUCTION.get(NetworkPolicy.class, Chart.objectName(service)).getSpec().getEgress();
            Map<Integer, List<NetworkPolicyEgressRule>> byPort = egress.stream().collect(Collectors.groupingBy(
                    rule -> rule.getPorts().get(0).getPort().getIntVal()));
            assertThat(byPort.get(53)).as("%s DNS", service).singleElement().satisfies(rule -> assertThat(rule.getPorts())
                    .extracting(port -> port.getProtocol()).containsExactlyInAnyOrder("UDP", "TCP"));
            assertThat(byPort.get(9092)).as("%s Kafka", service).singleElement().satisfies(rule -> assertThat(rule.getTo())
                    .singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                            .containsEntry("strimzi.io/cluster", "leadrelay").containsEntry("strimzi.io/kind", "Kafka")));
            assertThat(byPort.get(27017)).as("%s MongoDB", service).singleElement().satisfies(rule -> assertThat(rule.getTo())
                    .singleElement().satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("10.20.0.0/24")));

            switch (service) {
                case "notification-service" -> {
                    assertThat(byPort).containsOnlyKeys(53, 9092, 27017, 587, 443, 8080);
                    assertThat(byPort.get(8080)).as("lead-intake, for leads' keys").singleElement().satisfies(rule -> assertThat(rule.getTo())
                            .extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                            .containsExactly("lead-intake"));
                    assertThat(byPort.get(443)).singleElement().satisfies(rule -> assertThat(rule.getTo()).singleElement()
                            .satisfies(peer -> {
                                assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
                                assertThat(peer.getIpBlock().getExcept())
                                        .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
                            }));
                }
                case "operator-console" -> {
                    assertThat(byPort).containsOnlyKeys(53, 9092, 27017, 8080);
                    assertThat(byPort.get(8080)).singleElement().satisfies(rule -> assertThat(rule.getTo())
                            .extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                            .containsExactlyInAnyOrderElementsOf(OPERATOR_APIS));
                }
                default -> assertThat(byPort).as(service).containsOnlyKeys(53, 9092, 27017);
            }
        }
    }

    @Test
    void theIngressRoutesOnlyThePublicPaths() {
        Ingress ingress = DEFAULTS.get(Ingress.class, "leadrelay");
        Map<String, IngressRule> rules = ingress.getSpec().getRules().stream()
                .collect(Collectors.toMap(IngressRule::getHost, rule -> rule));
        assertThat(rules).containsOnlyKeys("leads.example.com", "console.example.com");

        Map<String, String> publicPaths = rules.get("leads.example.com").getHttp().getPaths().stream()
                .collect(Collectors.toMap(path -> path.getPathType() + " " + path.getPath(),
                        path -> path.getBackend().getService().getName()));
        assertThat(publicPaths).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Exact /", "leadrelay-lead-intake",
                "Exact /form", "leadrelay-lead-intake",
                "Exact /form/thanks", "leadrelay-lead-intake",
                "Exact /forms/leads", "leadrelay-lead-intake",
                "Exact /favicon.ico", "leadrelay-lead-intake",
                // Exact: /api/leads/... is lead-router's operator API
                "Exact /api/leads", "leadrelay-lead-intake",
                "Prefix /assets", "leadrelay-lead-intake",
                "Prefix /answers", "leadrelay-lead-router",
                "Prefix /api/answers", "leadrelay-lead-router",
                "Prefix /api/partners/", "leadrelay-partner-directory"));
        assertThat(rules.get("leads.example.com").getHttp().getPaths()).map(HTTPIngressPath::getPath)
                .noneMatch(path -> path.startsWith("/actuator"));

        Map<String, String> consolePaths = rules.get("console.example.com").getHttp().getPaths().stream()
                .collect(Collectors.toMap(path -> path.getPathType() + " " + path.getPath(),
                        path -> path.getBackend().getService().getName()));
        assertThat(consolePaths).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Prefix /", "leadrelay-operator-console",
                "Prefix /actuator", "leadrelay-closed"));
        // the console's /actuator leads to a Service with no pods behind it
        assertThat(DEFAULTS.get(Service.class, "leadrelay-closed").getSpec().getSelector()).isNullOrEmpty();
        assertThat(ingress.getSpec().getTls()).hasSize(2);
        // notification-service is never behind the Ingress
        assertThat(ingress.getSpec().getRules()).flatMap(rule -> rule.getHttp().getPaths())
                .noneMatch(path -> path.getBackend().getService().getName().equals("leadrelay-notification-service"));
    }

    @Test
    void serviceMonitorsScrapeEveryServiceWhenEnabled() {
        String api = "monitoring.coreos.com/v1";
        assertThat(DEFAULTS.all(api, "ServiceMonitor")).isEmpty();

        List<GenericKubernetesResource> monitors = PRODUCTION.all(api, "ServiceMonitor");
        assertThat(monitors).extracting(monitor -> monitor.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Chart.SERVICES.stream().map(Chart::objectName).toList());
        for (GenericKubernetesResource monitor : monitors) {
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
            Map<String, String> selector = at(monitor, "spec", "selector", "matchLabels");
            Service service = PRODUCTION.get(Service.class, monitor.getMetadata().getName());
            assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
            List<Map<String, Object>> endpoints = at(monitor, "spec", "endpoints");
            assertThat(endpoints).singleElement().satisfies(endpoint -> assertThat(endpoint)
                    .containsEntry("port", "http")
                    .containsEntry("path", "/actuator/prometheus")
                    // the services' own service="<name>" label, which dashboards and alerts select by
                    .containsEntry("honorLabels", true));
        }
    }
}

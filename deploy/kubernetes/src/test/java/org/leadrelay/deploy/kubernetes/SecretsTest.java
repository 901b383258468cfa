package org.leadrelay.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;

/** The chart holds no secret of its own: it reads them, or writes one only from values it is given. */
class SecretsTest {

    private static Map<String, String> acceptableValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("webhooks-master-key", "k".repeat(40));
        values.put("answers-signing-key", "a".repeat(40));
        values.put("intake-form-signing-key", "f".repeat(40));
        for (String service : new String[] {"directory", "router", "notification", "intake"}) {
            values.put(service + "-operator-account", "{bcrypt}$2a$10$abcdefghijklmnopqrstuu" + service);
            values.put(service + "-operator-password", "p".repeat(24));
        }
        values.put("console-operator-account", "{bcrypt}$2a$10$operatoroperatoroperato");
        values.put("console-viewer-account", "{bcrypt}$2a$10$viewerviewerviewerviewe");
        values.put("intake-key-reader-account", "{bcrypt}$2a$10$keyreaderkeyreaderkeyre");
        values.put("intake-key-reader-password", "r".repeat(24));
        return values;
    }

    private static UnaryOperator<TemplateCommand> creating(Map<String, String> values) {
        return command -> {
            TemplateCommand result = command.set("secrets.create", true).set("secrets.existingSecret", "");
            for (var entry : values.entrySet()) {
                result = result.set("secrets.values." + entry.getKey(), entry.getValue());
            }
            return result;
        };
    }

    @Test
    void writesNoSecretByDefault() {
        assertThat(Chart.byDefault().all(Secret.class)).isEmpty();
        assertThat(Chart.forProduction().all(Secret.class)).isEmpty();
    }

    @Test
    void writesTheSecretOnlyFromValuesGivenAndPointsTheServicesAtIt() {
        Chart.Rendered rendered = Chart.render(creating(acceptableValues()));

        Secret secret = rendered.get(Secret.class, "leadrelay-secrets");
        assertThat(secret.getStringData()).containsExactlyInAnyOrderEntriesOf(acceptableValues());
        Deployment router = rendered.get(Deployment.class, "leadrelay-lead-router");
        assertThat(router.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("checksum/secrets");
        assertThat(router.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(env -> env.getName().equals("LEADRELAY_ANSWERS_SIGNING_KEY")).singleElement()
                .satisfies(env -> assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("leadrelay-secrets"));
    }

    @Test
    void refusesToWriteASecretWithNothingGiven() {
        assertThatThrownBy(() -> Chart.renderText(creating(Map.of())))
                .hasMessageContaining("secrets.values.webhooks-master-key is required");
    }

    @Test
    void refusesAShortKeyAPlainAccountAndAShortPassword() {
        Map<String, String> shortKey = acceptableValues();
        shortKey.put("answers-signing-key", "too-short");
        assertThatThrownBy(() -> Chart.renderText(creating(shortKey)))
                .hasMessageContaining("secrets.values.answers-signing-key must be at least 32 characters");

        Map<String, String> plainAccount = acceptableValues();
        plainAccount.put("router-operator-account", "{noop}local-operator-password");
        assertThatThrownBy(() -> Chart.renderText(creating(plainAccount)))
                .hasMessageContaining("secrets.values.router-operator-account must be a {bcrypt} hash");

        Map<String, String> shortPassword = acceptableValues();
        shortPassword.put("notification-operator-password", "secret");
        assertThatThrownBy(() -> Chart.renderText(creating(shortPassword)))
                .hasMessageContaining("secrets.values.notification-operator-password must be at least 16 characters");
    }
}

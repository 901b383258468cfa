package org.leadrelay.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadrelay.kit.KitTestApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

class StartupSafetyTest {

    private static final String GOOD_KEY = "k9Qv2sL7xT4mW8pZ1rN6bY3cF5hJ0dGa";

    @Test
    void published_development_keys_and_short_keys_are_named_with_the_variable_that_sets_them() {
        StandardEnvironment environment = environment(Map.of("leadrelay.webhooks.master-key", "local-development-master-key-change-me-0123456789",
                "leadrelay.answers.signing-key", "too-short", "leadrelay.intake.form-signing-key", GOOD_KEY));

        assertThat(StartupSafety.problems(environment)).containsExactly(
                "leadrelay.webhooks.master-key is the published development key: set LEADRELAY_WEBHOOKS_MASTER_KEY to a secret of your own",
                "leadrelay.answers.signing-key is shorter than 32 characters");
    }

    @Test
    void a_key_being_rotated_out_may_not_be_a_published_one_since_it_still_verifies() {
        StandardEnvironment environment = environment(Map.of("leadrelay.answers.signing-key", GOOD_KEY,
                "leadrelay.answers.previous-signing-keys", "k9Qv2sL7xT4mW8pZ1rN6bY3cF5hJ0dGb, local-development-answer-key-change-me-0123456789"));

        assertThat(StartupSafety.problems(environment)).containsExactly(
                "leadrelay.answers.previous-signing-keys holds the published development key: it would still be accepted");
    }

    @Test
    void published_passwords_are_refused_plain_or_encoded_and_short_plain_ones_too() {
        String encodedPublished = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("local-operator-password");
        String encodedOwn = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("a password of our own, long enough");
        StandardEnvironment environment = environment(Map.of(
                "leadrelay.router.security.operators.operator", "{noop}local-operator-password",
                "leadrelay.console.security.viewers.viewer", encodedPublished,
                "leadrelay.directory.security.operators.short", "{noop}short",
                "leadrelay.notification.security.operators.fine", encodedOwn,
                "leadrelay.console.services.router.password", "local-operator-password",
                "leadrelay.intake.security.services.notification", "{noop}local-key-reader-password",
                "leadrelay.notification.lead-keys.password", "local-key-reader-password"));

        assertThat(StartupSafety.problems(environment)).containsExactlyInAnyOrder(
                "leadrelay.intake.security.services.notification is a published development password: set"
                        + " LEADRELAY_INTAKE_SECURITY_SERVICES_NOTIFICATION to a password of your own ({bcrypt} encoded)",
                "leadrelay.notification.lead-keys.password is a published development password: set"
                        + " LEADRELAY_NOTIFICATION_LEAD_KEYS_PASSWORD to a password of your own",
                "leadrelay.router.security.operators.operator is a published development password: set"
                        + " LEADRELAY_ROUTER_SECURITY_OPERATORS_OPERATOR to a password of your own ({bcrypt} encoded)",
                "leadrelay.console.security.viewers.viewer is a published development password: set"
                        + " LEADRELAY_CONSOLE_SECURITY_VIEWERS_VIEWER to a password of your own ({bcrypt} encoded)",
                "leadrelay.directory.security.operators.short is shorter than 16 characters",
                "leadrelay.console.services.router.password is a published development password: set"
                        + " LEADRELAY_CONSOLE_SERVICES_ROUTER_PASSWORD to a password of your own");
    }

    @Test
    void an_environment_variable_counts_whether_it_overrides_a_file_or_adds_an_account() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
                "LEADRELAY_ROUTER_SECURITY_OPERATORS_OPERATOR", "{noop}an operator password of our own",
                "LEADRELAY_ROUTER_SECURITY_OPERATORS_ALICE", "{noop}local-viewer-password")));
        environment.getPropertySources().addLast(new MapPropertySource("file", Map.of(
                "leadrelay.router.security.operators.operator", "{noop}local-operator-password")));

        assertThat(StartupSafety.problems(environment)).containsExactly(
                "leadrelay.router.security.operators.alice is a published development password: set"
                        + " LEADRELAY_ROUTER_SECURITY_OPERATORS_ALICE to a password of your own ({bcrypt} encoded)");
    }

    @Test
    void outside_development_mode_the_check_stops_the_start_and_inside_it_only_warns() {
        Map<String, Object> published = Map.of("leadrelay.webhooks.master-key", "local-development-master-key-change-me-0123456789");

        assertThatThrownBy(() -> StartupSafety.check(environment(published))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leadrelay.webhooks.master-key is the published development key")
                .hasMessageContaining("leadrelay.development=true");
        assertThatCode(() -> StartupSafety.check(environment(Map.of("leadrelay.webhooks.master-key",
                "local-development-master-key-change-me-0123456789", "leadrelay.development", "true")))).doesNotThrowAnyException();
        assertThatCode(() -> StartupSafety.check(environment(Map.of("leadrelay.webhooks.master-key", GOOD_KEY)))).doesNotThrowAnyException();
    }

    @Test
    void a_service_with_the_published_key_does_not_start_outside_development_mode() {
        SpringApplicationBuilder service = new SpringApplicationBuilder(KitTestApplication.class).web(WebApplicationType.NONE);

        // arguments outrank the system properties other tests in this JVM set (development mode among them)
        assertThatThrownBy(() -> service.run("--leadrelay.development=false", "--leadrelay.events.source=/leadrelay/kit-tests",
                "--leadrelay.webhooks.master-key=local-development-master-key-change-me-0123456789",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9", "--spring.mongodb.uri=mongodb://127.0.0.1:9"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to start with published or weak secrets")
                .hasMessageContaining("LEADRELAY_WEBHOOKS_MASTER_KEY");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        // only what the test gives: not this machine's own environment variables
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}

package org.leadrelay.notification.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.leadrelay.notification.support.RunningService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.leadrelay.testing.StubIssuer;

/**
 * With an OIDC issuer configured, as in production, operators reach the delivery log with the
 * issuer's JWT carrying the operator scope, and local accounts over HTTP Basic keep working.
 */
class OperatorAccessIT extends RunningService {

    private static final StubIssuer ISSUER = StubIssuer.start();
    private static final Duration VALID = Duration.ofMinutes(5);

    @DynamicPropertySource
    static void trustTheIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::uri);
    }

    @AfterAll
    static void stopTheIssuer() {
        ISSUER.close();
    }

    @Test
    void anOperatorsJwtOpensTheDeliveryLogAndTheOperatorsActuator() throws Exception {
        String operator = ISSUER.token("ops-ada", "openid leadrelay.operator", VALID);

        HttpResponse<String> failing = get("/api/deliveries/failing", operator);
        assertThat(failing.statusCode()).as(failing.body()).isEqualTo(200);
        assertThat(get("/actuator/metrics", operator).statusCode()).isEqualTo(200);
    }

    @Test
    void aJwtWithoutTheOperatorScopeIsForbidden() throws Exception {
        HttpResponse<String> viewer = get("/api/deliveries/failing", ISSUER.token("viewer-bo", "openid leadrelay.viewer", VALID));

        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(viewer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void anExpiredOrForgedJwtIsRefused() throws Exception {
        assertThat(get("/api/deliveries/failing", ISSUER.token("ops-ada", "leadrelay.operator", Duration.ofMinutes(-5))).statusCode())
                .isEqualTo(401);
        assertThat(get("/api/deliveries/failing", ISSUER.forged("ops-ada", "leadrelay.operator", VALID)).statusCode()).isEqualTo(401);
    }

    @Test
    void theLocalOperatorAccountStillSignsInBesideTheIssuer() throws Exception {
        assertThat(get("/api/deliveries/failing", OPERATOR).statusCode()).isEqualTo(200);
        assertThat(get("/api/deliveries/failing", null).statusCode()).isEqualTo(401);
    }
}

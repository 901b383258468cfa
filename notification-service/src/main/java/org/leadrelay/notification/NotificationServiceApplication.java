package org.leadrelay.notification;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** notification-service: tells partners of their leads by email and signed webhook. */
@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Lead Relay notification service", version = "v1",
        description = "The delivery log for operators: every email and webhook to partners with each attempt, what is failing now, "
                + "and the webhook endpoints disabled after answering 410 Gone. Operators sign in with HTTP Basic, or with a JWT "
                + "from the organisation's OIDC issuer when one is configured."))
public class NotificationServiceApplication {

    /** The service's configuration file is {@code notification-service.yml}, so services can share a classpath. */
    public static final String CONFIG_NAME = "notification-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NotificationServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}

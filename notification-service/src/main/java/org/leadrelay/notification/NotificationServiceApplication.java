package org.leadrelay.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** notification-service: tells partners of their leads by email and signed webhook. */
@SpringBootApplication
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

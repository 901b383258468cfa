package org.leadrelay.router;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** lead-router: chooses the partner for each lead and explains the choice. */
@SpringBootApplication
public class LeadRouterApplication {

    /** The service's configuration file is {@code lead-router.yml}, so services can share a classpath. */
    public static final String CONFIG_NAME = "lead-router";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(LeadRouterApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}

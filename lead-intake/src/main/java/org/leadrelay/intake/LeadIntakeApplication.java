package org.leadrelay.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** lead-intake: takes leads from website forms and API clients and publishes them. */
@SpringBootApplication
public class LeadIntakeApplication {

    /** The service's configuration file is {@code lead-intake.yml}, so services can share a classpath. */
    public static final String CONFIG_NAME = "lead-intake";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(LeadIntakeApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}

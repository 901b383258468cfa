package org.leadrelay.router;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** lead-router: chooses the partner for each lead and explains the choice. */
@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Lead Relay lead router", version = "v1",
        description = "Partners answer the leads offered to them with the signed link from their email or webhook: accept or decline."))
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

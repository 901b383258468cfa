package org.leadrelay.intake;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** lead-intake: takes leads from website forms and API clients and publishes them. */
@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Lead Relay lead intake", version = "v1",
        description = "Takes customers' requests for help from website forms and API clients. A 202 means the lead is stored and on its way to a partner; a 400 lists every rejected field with a JSON pointer (RFC 9457 problem details). "
                + "The lead API is public; the erasure API is for operators, who sign in with HTTP Basic, or with a JWT from the organisation's OIDC issuer when one is configured."))
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

package org.leadrelay.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** operator-console: the operators' live view of the flow, every lead's story, and the fixes routing could not make. */
@SpringBootApplication
public class ConsoleApplication {

    /** The service's configuration file is {@code operator-console.yml}, so services can share a classpath. */
    public static final String CONFIG_NAME = "operator-console";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ConsoleApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}

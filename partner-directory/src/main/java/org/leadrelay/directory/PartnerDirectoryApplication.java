package org.leadrelay.directory;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.leadrelay.directory.partners.DirectoryProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** partner-directory: the partner network, published to the compacted partners topic. */
@SpringBootApplication
@EnableConfigurationProperties(DirectoryProperties.class)
@OpenAPIDefinition(info = @Info(title = "Lead Relay partner directory", version = "v1",
        description = "The partner network: operators register, update, pause, suspend, delete, import and export partners; partners manage themselves with their own key. Every change is audited and published to the compacted partners.v1 topic."))
public class PartnerDirectoryApplication {

    /** The service's configuration file is {@code partner-directory.yml}, so services can share a classpath. */
    public static final String CONFIG_NAME = "partner-directory";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(PartnerDirectoryApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}

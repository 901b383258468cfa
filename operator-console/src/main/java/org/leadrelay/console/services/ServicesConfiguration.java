package org.leadrelay.console.services;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clients of the owning services' operator APIs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServicesProperties.class)
class ServicesConfiguration {

    @Bean
    ServiceClient routerClient(ServicesProperties services) {
        return new ServiceClient(services.router());
    }

    @Bean
    ServiceClient notificationClient(ServicesProperties services) {
        return new ServiceClient(services.notification());
    }

    @Bean
    ServiceClient directoryClient(ServicesProperties services) {
        return new ServiceClient(services.directory());
    }

    @Bean
    ServiceClient intakeClient(ServicesProperties services) {
        return new ServiceClient(services.intake());
    }
}

package org.leadrelay.intake.leads;

import org.leadrelay.kit.web.RequestSizeLimit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

    /** Public endpoints take small bodies only: a lead is a few kilobytes. */
    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(IntakeProperties properties) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(properties.maxRequestSize().toBytes()));
        registration.addUrlPatterns("/api/*", "/forms/*");
        return registration;
    }
}

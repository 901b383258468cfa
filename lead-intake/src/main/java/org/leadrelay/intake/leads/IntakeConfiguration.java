package org.leadrelay.intake.leads;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.leadrelay.intake.geocoding.Gazetteer;
import org.leadrelay.intake.geocoding.Geocoder;
import org.leadrelay.intake.leads.web.ClientRateLimit;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.leadrelay.kit.web.RequestSizeLimit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntakeProperties.class, RetentionProperties.class})
class IntakeConfiguration {

    @Bean
    FilterRegistrationBean<ClientRateLimit> clientRateLimit(IntakeProperties properties, ProxyManager<String> clientBuckets,
            MeterRegistry meters) {
        FilterRegistrationBean<ClientRateLimit> registration = new FilterRegistrationBean<>(
                new ClientRateLimit(properties.leadsPerMinutePerClient(), clientBuckets, meters));
        registration.addUrlPatterns("/api/leads", "/forms/leads");
        registration.setOrder(1);
        return registration;
    }

    @Bean
    PeriodicTask leadExpiry(IntakeRetention retention) {
        return retention.leadSweeper();
    }

    @Bean
    PeriodicTask idempotencyKeyExpiry(IntakeRetention retention) {
        return retention.keySweeper();
    }

    @Bean
    PeriodicTask fingerprintExpiry(IntakeRetention retention) {
        return retention.requestSweeper();
    }

    @Bean
    ConsentNotices consentNotices(IntakeProperties properties) {
        Map<String, String> texts = properties.consentTexts() == null || properties.consentTexts().isEmpty()
                ? ConsentNotices.DEFAULT_TEXTS : properties.consentTexts();
        return new ConsentNotices(properties.consentStatement(), texts, properties.defaultLanguage());
    }

    /** The offline gazetteer; a production geocoder replaces it by declaring its own {@link Geocoder} bean. */
    @Bean
    @ConditionalOnMissingBean(Geocoder.class)
    Geocoder gazetteer() {
        return new Gazetteer();
    }

    /** Browsers may post leads to the API from the configured websites only. */
    @Bean
    WebMvcConfigurer leadCors(IntakeProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                if (!properties.corsOrigins().isEmpty()) {
                    registry.addMapping("/api/leads").allowedOrigins(properties.corsOrigins().toArray(String[]::new))
                            .allowedMethods("POST").allowedHeaders("Content-Type", "Idempotency-Key").maxAge(3600);
                }
            }
        };
    }

    /** Public endpoints take small bodies only: a lead is a few kilobytes. */
    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(IntakeProperties properties) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(properties.maxRequestSize().toBytes()));
        registration.addUrlPatterns("/api/*", "/forms/*");
        registration.setOrder(2);
        return registration;
    }
}

package org.leadrelay.notification.security;

import org.leadrelay.kit.security.OperatorAccounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The delivery log API is for operators. Locally they sign in with HTTP Basic against the accounts
 * in {@code leadrelay.notification.security.operators}; in production an OIDC issuer's JWT carrying
 * {@code leadrelay.notification.security.jwt-authority} (default scope {@code leadrelay.operator})
 * is accepted as well, once {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set.
 * Stateless: no session, no cookie, so no CSRF token to carry. Health, Prometheus metrics and the
 * API description stay open (they bind to 127.0.0.1 by default; see docs/operations.md); the other
 * actuator endpoints are for operators; anything else is refused.
 *
 * <p>{@code @EnableWebSecurity} is explicit so that this chain also guards the service where Spring
 * Boot's security auto-configuration is excluded (the system tests run all services on one class
 * path and exclude it for the services that do not ship Spring Security).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(OperatorProperties.class)
class OperatorSecurity {

    @Bean
    SecurityFilterChain operatorApi(HttpSecurity http, OperatorProperties properties, ObjectProvider<JwtDecoder> jwt,
            ObjectProvider<JwtAuthenticationConverter> jwtConverter, UserDetailsService operators) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                .requestMatchers("/api/**", "/actuator/**").access(OperatorAccounts.operator(properties.jwtAuthority()))
                .anyRequest().denyAll());
        return OperatorAccounts.signIn(http, operators, jwt, jwtConverter, "sign in as an operator").build();
    }

    @Bean
    UserDetailsService operators(OperatorProperties properties) {
        return OperatorAccounts.of(properties.operators());
    }
}

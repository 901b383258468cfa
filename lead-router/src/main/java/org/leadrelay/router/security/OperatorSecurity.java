package org.leadrelay.router.security;

import org.leadrelay.kit.security.OperatorAccounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Partners answer through {@code /answers/**} and {@code /api/answers/**} with their signed token,
 * no sign-in. The operator API ({@code /api/leads/**}, {@code /api/partners/**}) needs an operator:
 * HTTP Basic against {@code leadrelay.router.security.operators}, or an OIDC issuer's JWT once
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set. Stateless, so no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OperatorProperties.class)
class OperatorSecurity {

    @Bean
    SecurityFilterChain routerSecurity(HttpSecurity http, OperatorProperties properties, ObjectProvider<JwtDecoder> jwt,
            ObjectProvider<JwtAuthenticationConverter> jwtConverter, UserDetailsService operators) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/answers/**", "/api/answers/**", "/assets/**", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                        "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                .requestMatchers("/api/leads/**", "/api/partners/**").access(OperatorAccounts.operator(properties.jwtAuthority()))
                .anyRequest().denyAll());
        return OperatorAccounts.signIn(http, operators, jwt, jwtConverter, "sign in as an operator").build();
    }

    @Bean
    UserDetailsService operators(OperatorProperties properties) {
        return OperatorAccounts.of(properties.operators());
    }
}

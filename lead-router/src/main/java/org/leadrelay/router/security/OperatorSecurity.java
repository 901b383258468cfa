package org.leadrelay.router.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.leadrelay.kit.security.OperatorAccounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

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
    SecurityFilterChain routerSecurity(HttpSecurity http, OperatorProperties properties, ObjectProvider<JwtDecoder> jwt) throws Exception {
        var operator = AuthorizationManagers.<RequestAuthorizationContext>anyOf(AuthorityAuthorizationManager.hasRole(OperatorAccounts.OPERATOR),
                AuthorityAuthorizationManager.hasAuthority(properties.jwtAuthority()));
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/answers/**", "/api/answers/**", "/assets/**", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers("/api/leads/**", "/api/partners/**").access(operator)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> unauthorized(response)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> unauthorized(response))
                        .accessDeniedHandler((request, response, e) -> OperatorAccounts.forbidden(response, "this account may not do this")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        if (jwt.getIfAvailable() != null) {
            http.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
        }
        return http.build();
    }

    @Bean
    UserDetailsService operators(OperatorProperties properties) {
        return OperatorAccounts.of(properties.operators());
    }

    private static void unauthorized(HttpServletResponse response) throws IOException {
        OperatorAccounts.unauthorized(response, "sign in as an operator");
    }
}

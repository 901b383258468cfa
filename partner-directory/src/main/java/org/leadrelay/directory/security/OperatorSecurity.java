package org.leadrelay.directory.security;

import org.leadrelay.directory.partners.PartnerKeys;
import org.leadrelay.kit.security.OperatorAccounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The partner API is for operators, and for each partner on its own record. Partners sign in with
 * HTTP Basic, their partner id as user name and their self-service key as password
 * ({@link PartnerKeyAuthentication}); what a partner may do on which record is decided by
 * {@link org.leadrelay.directory.partners.ManagingPartners}, which answers 404 for any other
 * partner's id. Operators only, as before, for listing, registering, importing, exporting and
 * republishing. Locally they sign in with HTTP Basic against the accounts
 * in {@code leadrelay.directory.security.operators}; in production an OIDC issuer's JWT carrying
 * {@code leadrelay.directory.security.jwt-authority} (default scope {@code leadrelay.operator}) is
 * accepted as well, once {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set.
 * Stateless: no session, no cookie, so no CSRF token to carry. Health, metrics and the API
 * description stay open (they bind to 127.0.0.1 by default; see docs/operations.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
class OperatorSecurity {

    static final String PARTNER = "PARTNER";

    @Bean
    SecurityFilterChain operatorApi(HttpSecurity http, OperatorProperties properties, ObjectProvider<JwtDecoder> jwt,
            ObjectProvider<JwtAuthenticationConverter> jwtConverter, UserDetailsService operators, PartnerKeys keys) throws Exception {
        var operator = OperatorAccounts.operator(properties.jwtAuthority());
        var operatorOrPartner = AuthorizationManagers.<RequestAuthorizationContext>anyOf(operator, AuthorityAuthorizationManager.hasRole(PARTNER));
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs/**",
                        "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                .requestMatchers("/api/partners/import", "/api/partners/export", "/api/partners/republish").access(operator)
                .requestMatchers("/api/partners/*", "/api/partners/*/**").access(operatorOrPartner)
                .requestMatchers("/api/**").access(operator)
                .anyRequest().denyAll());
        return OperatorAccounts.signIn(http, operators, jwt, jwtConverter, "sign in as an operator, or as a partner with its id and key",
                new PartnerKeyAuthentication(keys)).build();
    }

    @Bean
    UserDetailsService operators(OperatorProperties properties) {
        return OperatorAccounts.of(properties.operators());
    }
}

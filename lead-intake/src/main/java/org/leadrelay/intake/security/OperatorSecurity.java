package org.leadrelay.intake.security;

import org.leadrelay.kit.security.OperatorAccounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Intake's public endpoints stay as open as they were: the lead API ({@code /api/leads},
 * {@code /api/leads/{id}}), the form and its post, the pages, the Prometheus scrape. This chain
 * only sees the rest of {@code /api/**} (the operator API: erasures, and any operator endpoint
 * added under {@code /api} later, which is closed until listed otherwise) and health; the other
 * requests pass through Spring Security untouched (no sign-in, no headers added, no session).
 * The actuator exposes nothing else ({@code management.endpoints.web.exposure}): exposing more
 * means adding it here, for operators.
 *
 * <p>A lead's key ({@code /api/keys/{leadId}}, ADR 0012) is for an operator or a key reader: a
 * service's account in {@code leadrelay.intake.security.services}, which may do nothing else.
 * The rest of the operator API needs an operator: HTTP Basic against
 * {@code leadrelay.intake.security.operators} (none by default), or an OIDC issuer's JWT carrying
 * {@code leadrelay.intake.security.jwt-authority} (default scope {@code leadrelay.operator}) once
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set. Stateless: no session, no
 * cookie, so no CSRF token to carry. Health stays open, its details for a signed-in operator.
 *
 * <p>{@code @EnableWebSecurity} is explicit so that this chain also guards the operator API where
 * Spring Boot's security auto-configuration is excluded (the system tests run every service on one
 * class path and exclude it for intake).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(OperatorProperties.class)
class OperatorSecurity {

    /** The role of a service that reads leads' keys ({@code leadrelay.intake.security.services}). */
    static final String KEY_READER = "KEY_READER";

    @Bean
    SecurityFilterChain operatorApi(HttpSecurity http, OperatorProperties properties, ObjectProvider<JwtDecoder> jwt,
            ObjectProvider<JwtAuthenticationConverter> jwtConverter, UserDetailsService operators) throws Exception {
        var operator = OperatorAccounts.operator(properties.jwtAuthority());
        http.securityMatcher(operatorPaths())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/api/keys/**").access(AuthorizationManagers.anyOf(operator,
                                AuthorityAuthorizationManager.hasRole(KEY_READER)))
                        .anyRequest().access(operator));
        return OperatorAccounts.signIn(http, operators, jwt, jwtConverter, "sign in as an operator").build();
    }

    /** {@code /api/**} but the public lead API, and health (open, with its details for an operator). */
    static RequestMatcher operatorPaths() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher publicLeadApi = new OrRequestMatcher(paths.matcher("/api/leads"), paths.matcher("/api/leads/**"));
        return new OrRequestMatcher(new AndRequestMatcher(paths.matcher("/api/**"), new NegatedRequestMatcher(publicLeadApi)),
                paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**"));
    }

    /** The operators, and the services' accounts that may read a lead's key and do nothing else. */
    @Bean
    UserDetailsService operators(OperatorProperties properties) {
        return OperatorAccounts.of(properties.operators(), KEY_READER, properties.services());
    }
}

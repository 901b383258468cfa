package org.leadrelay.directory.security;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.leadrelay.directory.partners.PartnerKeys;
import org.leadrelay.kit.security.OperatorAccounts;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
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

    static final String OPERATOR = OperatorAccounts.OPERATOR;
    static final String PARTNER = "PARTNER";

    @Bean
    SecurityFilterChain operatorApi(HttpSecurity http, OperatorProperties properties, ObjectProvider<JwtDecoder> jwt,
            ObjectProvider<JwtAuthenticationConverter> jwtConverter, UserDetailsService operators, PartnerKeys keys) throws Exception {
        var operatorOrToken = AuthorizationManagers.<RequestAuthorizationContext>anyOf(
                AuthorityAuthorizationManager.hasRole(OPERATOR),
                AuthorityAuthorizationManager.hasAuthority(properties.jwtAuthority()));
        var operatorOrPartner = AuthorizationManagers.<RequestAuthorizationContext>anyOf(operatorOrToken,
                AuthorityAuthorizationManager.hasRole(PARTNER));
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(new PartnerKeyAuthentication(keys),
                new DaoAuthenticationProvider(operators)));
        JwtDecoder decoder = jwt.getIfAvailable();
        if (decoder != null) {
            // an explicit authentication manager must list the JWT provider too, or a valid token is refused
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(decoder);
            jwtConverter.ifAvailable(tokens::setJwtAuthenticationConverter);
            providers.add(tokens);
            http.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
        }
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers("/api/partners/import", "/api/partners/export", "/api/partners/republish").access(operatorOrToken)
                        .requestMatchers("/api/partners/*", "/api/partners/*/**").access(operatorOrPartner)
                        .requestMatchers("/api/**").access(operatorOrToken)
                        .anyRequest().denyAll())
                .authenticationManager(new ProviderManager(providers))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> unauthorized(response)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response))
                        .accessDeniedHandler((request, response, e) -> OperatorAccounts.forbidden(response, "this account may not do this")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    UserDetailsService operators(OperatorProperties properties) {
        return OperatorAccounts.of(properties.operators());
    }

    private static void unauthorized(HttpServletResponse response) throws java.io.IOException {
        OperatorAccounts.unauthorized(response, "sign in as an operator, or as a partner with its id and key");
    }
}

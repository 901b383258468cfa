package org.leadrelay.kit.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The pieces every service with an operator API uses in its security filter chain: the local
 * operator accounts from configuration, who counts as an operator, how operators sign in, and
 * 401 / 403 answered as RFC 9457 problem details, as every other refusal is. Each service's chain
 * says only which paths are open to whom.
 */
public final class OperatorAccounts {

    public static final String OPERATOR = "OPERATOR";
    private static final Logger log = LoggerFactory.getLogger(OperatorAccounts.class);

    private OperatorAccounts() {
    }

    /**
     * The accounts, name to password in Spring Security's encoded form ({@code {bcrypt}...}), with the
     * OPERATOR role; a plain-text development password is allowed but logged as a warning.
     */
    public static UserDetailsService of(Map<String, String> accounts) {
        List<UserDetails> users = accounts.entrySet().stream()
                .map(account -> User.withUsername(account.getKey()).password(account.getValue()).roles(OPERATOR).build()).toList();
        if (accounts.values().stream().anyMatch(password -> password.startsWith("{noop}"))) {
            log.warn("an operator account has a plain-text development password: configure {bcrypt} passwords or an OIDC issuer outside a local stack");
        }
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * An operator: signed in with a local account (the OPERATOR role), or with an OIDC issuer's JWT
     * carrying {@code jwtAuthority} (for example {@code SCOPE_leadrelay.operator}).
     */
    public static AuthorizationManager<RequestAuthorizationContext> operator(String jwtAuthority) {
        return AuthorizationManagers.anyOf(AuthorityAuthorizationManager.hasRole(OPERATOR),
                AuthorityAuthorizationManager.hasAuthority(jwtAuthority));
    }

    /**
     * How operators sign in, the same in every service: HTTP Basic, and an OIDC issuer's JWT as
     * well when a decoder is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri});
     * 401 (saying {@code whoMaySignIn}) and 403 as problems; stateless, with no session or cookie,
     * so no CSRF token to carry. The caller has set which requests are open to whom.
     */
    public static HttpSecurity signIn(HttpSecurity http, ObjectProvider<JwtDecoder> jwt, String whoMaySignIn) throws Exception {
        http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> unauthorized(response, whoMaySignIn)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response, whoMaySignIn))
                        .accessDeniedHandler((request, response, e) -> forbidden(response, "this account may not do this")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        if (jwt.getIfAvailable() != null) {
            http.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
        }
        return http;
    }

    /** 401 with a Basic challenge and a problem saying who may sign in. */
    public static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Lead Relay operators\"");
        problem(response, 401, "Unauthorized", detail);
    }

    /** 403: signed in, but not allowed to do this. */
    public static void forbidden(HttpServletResponse response, String detail) throws IOException {
        problem(response, 403, "Forbidden", detail);
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}

package org.leadrelay.kit.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
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
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Operator sign-in, the same in every service with an API for operators (lead-intake,
 * partner-directory, lead-router, notification-service): the local operator accounts from
 * configuration, who counts as an operator, how a caller signs in, and 401 / 403 answered as RFC
 * 9457 problem details, as every other refusal is. Each service's filter chain says only which
 * paths are open to whom, and adds its own kinds of caller (a partner with its key, a service that
 * reads leads' keys) as further authentication providers.
 *
 * <p>The operator console is the exception on purpose: people sign in there through a browser,
 * with a session, a login page and CSRF protection (its {@code ConsoleSecurity}).
 */
public final class OperatorAccounts {

    public static final String OPERATOR = "OPERATOR";

    private OperatorAccounts() {
    }

    /**
     * The accounts, name to password in Spring Security's encoded form ({@code {bcrypt}...}), with the
     * OPERATOR role. A published or short password stops the service's start outside development
     * mode (StartupSafety).
     */
    public static UserDetailsService of(Map<String, String> accounts) {
        return of(accounts, "", Map.of());
    }

    /**
     * The operators' accounts as {@link #of(Map)}, and other callers' accounts with the role
     * {@code otherRole} (a service's account that may do one thing and nothing else). A name in both
     * maps stops the start: one account would have both sets of rights.
     */
    public static UserDetailsService of(Map<String, String> operators, String otherRole, Map<String, String> others) {
        Set<String> both = new TreeSet<>(operators.keySet());
        both.retainAll(others.keySet());
        if (!both.isEmpty()) {
            throw new IllegalStateException("an account is both an operator and a " + otherRole + ": " + both);
        }
        List<UserDetails> users = new ArrayList<>();
        operators.forEach((name, password) -> users.add(User.withUsername(name).password(password).roles(OPERATOR).build()));
        others.forEach((name, password) -> users.add(User.withUsername(name).password(password).roles(otherRole).build()));
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * An operator: signed in with a local account (the OPERATOR role), or with an OIDC issuer's JWT
     * granting {@code jwtAuthority} (by default {@code SCOPE_leadrelay.operator}).
     */
    public static AuthorizationManager<RequestAuthorizationContext> operator(String jwtAuthority) {
        return AuthorizationManagers.anyOf(AuthorityAuthorizationManager.hasRole(OPERATOR),
                AuthorityAuthorizationManager.hasAuthority(jwtAuthority));
    }

    /**
     * How callers sign in, the same in every service: HTTP Basic against {@code accounts} (and the
     * service's own {@code callers}, tried first), and an OIDC issuer's JWT as well once a decoder is
     * configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}); 401 (saying
     * {@code whoMaySignIn}) and 403 as problems; stateless, with no session or cookie, so no CSRF
     * token to carry. The caller has said, or says after, which requests are open to whom.
     *
     * <p>The authentication manager is explicit so that every service has the same one whatever
     * else is on its class path; an explicit manager must then list the JWT provider too, or a valid
     * token would be refused.
     */
    public static HttpSecurity signIn(HttpSecurity http, UserDetailsService accounts, ObjectProvider<JwtDecoder> jwt,
            ObjectProvider<JwtAuthenticationConverter> jwtConverter, String whoMaySignIn, AuthenticationProvider... callers)
            throws Exception {
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(callers));
        providers.add(new DaoAuthenticationProvider(accounts));
        JwtDecoder decoder = jwt.getIfAvailable();
        if (decoder != null) {
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(decoder);
            jwtConverter.ifAvailable(tokens::setJwtAuthenticationConverter);
            providers.add(tokens);
            http.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
        }
        return http.authenticationManager(new ProviderManager(providers))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> unauthorized(response, whoMaySignIn)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response, whoMaySignIn))
                        .accessDeniedHandler((request, response, e) -> forbidden(response, "this account may not do this")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
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

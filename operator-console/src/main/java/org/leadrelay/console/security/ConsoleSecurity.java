package org.leadrelay.console.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.leadrelay.kit.security.OperatorAccounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in for people, in a browser: a form against the local accounts, or an OIDC provider once
 * one is configured. Two roles: {@code VIEWER} reads without personal data; {@code OPERATOR} reads
 * everything and acts (every request that changes something needs it). Sessions and CSRF tokens,
 * as a browser application needs; health probes and metrics stay open to the platform.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleSecurityProperties.class)
class ConsoleSecurity {

    static final String OPERATOR = OperatorAccounts.OPERATOR;
    static final String VIEWER = "VIEWER";

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc,
            ConsoleSecurityProperties properties) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/assets/**", "/signin", "/error", "/favicon.ico", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/**").hasRole(VIEWER)
                        .anyRequest().hasRole(OPERATOR))
                .formLogin(form -> form.loginPage("/signin").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?out"));
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/signin")
                    .userInfoEndpoint(info -> info.userAuthoritiesMapper(rolesFromClaim(properties))));
        }
        return http.build();
    }

    /** An operator is a viewer too. */
    @Bean
    static RoleHierarchy consoleRoles() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_" + OPERATOR + " > ROLE_" + VIEWER);
    }

    /** The console's local accounts: operators, and viewers who may only look (the kit's accounts, as every service's). */
    @Bean
    UserDetailsService consoleAccounts(ConsoleSecurityProperties properties) {
        return OperatorAccounts.of(properties.operators(), VIEWER, properties.viewers());
    }

    /** The console's roles from the groups the provider lists in {@code rolesClaim}. */
    static GrantedAuthoritiesMapper rolesFromClaim(ConsoleSecurityProperties properties) {
        return (Collection<? extends GrantedAuthority> granted) -> {
            Set<GrantedAuthority> roles = new HashSet<>();
            for (GrantedAuthority authority : granted) {
                if (authority instanceof OidcUserAuthority user) {
                    Object claim = user.getAttributes().get(properties.rolesClaim());
                    if (claim instanceof Collection<?> groups) {
                        if (groups.contains(properties.operatorGroup())) {
                            roles.add(new SimpleGrantedAuthority("ROLE_" + OPERATOR));
                        }
                        if (groups.contains(properties.viewerGroup())) {
                            roles.add(new SimpleGrantedAuthority("ROLE_" + VIEWER));
                        }
                    }
                }
            }
            return roles;
        };
    }
}

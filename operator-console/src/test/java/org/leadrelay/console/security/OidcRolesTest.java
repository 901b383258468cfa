package org.leadrelay.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class OidcRolesTest {

    private final ConsoleSecurityProperties properties = new ConsoleSecurityProperties(Map.of(), Map.of(), "groups", "leadrelay-operators",
            "leadrelay-viewers");

    @Test
    void the_providers_groups_claim_gives_the_consoles_roles_and_nothing_else() {
        assertThat(roles(List.of("leadrelay-operators", "finance"))).containsExactly("ROLE_OPERATOR");
        assertThat(roles(List.of("leadrelay-viewers"))).containsExactly("ROLE_VIEWER");
        assertThat(roles(List.of("sales", "admins"))).isEmpty();
        assertThat(roles(null)).isEmpty();
    }

    private Set<String> roles(List<String> groups) {
        var claims = new java.util.HashMap<String, Object>(Map.of("sub", "alice"));
        if (groups != null) {
            claims.put("groups", groups);
        }
        OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims);
        Collection<? extends GrantedAuthority> mapped = ConsoleSecurity.rolesFromClaim(properties).mapAuthorities(List.of(new OidcUserAuthority(token)));
        return mapped.stream().map(GrantedAuthority::getAuthority).collect(java.util.stream.Collectors.toSet());
    }
}

package org.leadrelay.intake.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator access to intake's operator API ({@code leadrelay.intake.security.*}), as in the other
 * services.
 *
 * @param operators    local operator accounts, name to password in Spring Security's encoded form
 *                     ({@code {bcrypt}...}; {@code {noop}...} only for a local stack); none by default
 * @param services     the services' accounts that may read a lead's key ({@code GET /api/keys/{leadId}},
 *                     ADR 0012) and nothing else: name to encoded password, as operators'; none by default
 * @param jwtAuthority the authority a JWT must grant when an OIDC issuer is configured
 *                     ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 */
@ConfigurationProperties("leadrelay.intake.security")
public record OperatorProperties(@DefaultValue Map<String, String> operators, @DefaultValue Map<String, String> services,
        @DefaultValue("SCOPE_leadrelay.operator") String jwtAuthority) {
}

package org.leadrelay.router.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator access ({@code leadrelay.router.security.*}), as in partner-directory.
 *
 * @param operators    local operator accounts, name to password in Spring Security's encoded form
 * @param jwtAuthority the authority a JWT must grant when an OIDC issuer is configured
 */
@ConfigurationProperties("leadrelay.router.security")
public record OperatorProperties(@DefaultValue Map<String, String> operators,
        @DefaultValue("SCOPE_leadrelay.operator") String jwtAuthority) {
}

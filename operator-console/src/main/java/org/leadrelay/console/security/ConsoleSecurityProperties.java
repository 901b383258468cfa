package org.leadrelay.console.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may sign in to the console ({@code leadrelay.console.security.*}).
 *
 * @param operators   local accounts that read everything, personal data included, and act: name to
 *                    password in Spring Security's encoded form ({@code {bcrypt}...})
 * @param viewers     local accounts that read, without personal data, and never act
 * @param rolesClaim  with OIDC sign-in ({@code spring.security.oauth2.client.registration.*}), the
 *                    claim listing the person's groups
 * @param operatorGroup the group, in that claim, of operators
 * @param viewerGroup the group, in that claim, of viewers
 */
@ConfigurationProperties("leadrelay.console.security")
public record ConsoleSecurityProperties(@DefaultValue Map<String, String> operators, @DefaultValue Map<String, String> viewers,
        @DefaultValue("groups") String rolesClaim, @DefaultValue("leadrelay-operators") String operatorGroup,
        @DefaultValue("leadrelay-viewers") String viewerGroup) {
}

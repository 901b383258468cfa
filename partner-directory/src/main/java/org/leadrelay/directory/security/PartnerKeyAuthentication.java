package org.leadrelay.directory.security;

import java.util.List;
import java.util.UUID;
import org.leadrelay.directory.partners.PartnerKeys;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs a partner in from HTTP Basic credentials whose user name is a partner id and whose password
 * starts with {@code lrp_}; anything else is left to the operator accounts.
 */
class PartnerKeyAuthentication implements AuthenticationProvider {

    private final PartnerKeys keys;

    PartnerKeyAuthentication(PartnerKeys keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (credentials == null || !credentials.toString().startsWith(PartnerKeys.PREFIX)) {
            return null;
        }
        UUID partnerId;
        try {
            partnerId = UUID.fromString(name);
        } catch (IllegalArgumentException notAPartner) {
            return null;
        }
        if (!keys.verify(partnerId, credentials.toString())) {
            throw new BadCredentialsException("wrong partner key");
        }
        return UsernamePasswordAuthenticationToken.authenticated(partnerId.toString(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + OperatorSecurity.PARTNER)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

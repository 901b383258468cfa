package org.leadrelay.directory.security;

import java.util.List;
import java.util.UUID;
import org.leadrelay.directory.partners.Actor;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Gives controller methods the {@link Actor} behind the request: a partner signed in with its key, or an operator. */
@Configuration(proxyBeanMethods = false)
class Callers implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binders) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            throw new IllegalStateException("the security filter lets no anonymous request through to the partner API");
        }
        boolean partner = authentication.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + OperatorSecurity.PARTNER).equals(authority.getAuthority()));
        return partner ? Actor.partner(UUID.fromString(authentication.getName())) : Actor.operator(authentication.getName());
    }
}

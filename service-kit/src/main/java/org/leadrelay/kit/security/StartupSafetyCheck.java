package org.leadrelay.kit.security;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs {@link StartupSafety} once the environment is complete (configuration files, variables,
 * arguments) and before any bean exists: a service with a published or weak secret stops before it
 * connects to anything.
 */
public class StartupSafetyCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        StartupSafety.check(environment);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

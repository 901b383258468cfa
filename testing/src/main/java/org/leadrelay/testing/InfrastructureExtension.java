package org.leadrelay.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Starts the shared infrastructure before a test class and publishes its addresses as the Spring
 * properties every service reads. System properties outrank application.yml, so a
 * {@code @SpringBootTest} started afterwards connects to it with no further wiring. Test methods
 * and constructors may also take an {@link Infrastructure} parameter. A test whose bounded wait
 * runs out prints every thread's stack as it was then, so a stall can be told from a slow path.
 */
public class InfrastructureExtension implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler {

    public static final String KAFKA_PROPERTY = "spring.kafka.bootstrap-servers";
    public static final String MONGO_PROPERTY = "spring.mongodb.uri";

    @Override
    public void beforeAll(ExtensionContext context) {
        Infrastructure infrastructure = Infrastructure.shared();
        System.setProperty(KAFKA_PROPERTY, infrastructure.kafkaBootstrapServers());
        System.setProperty(MONGO_PROPERTY, infrastructure.mongoUri());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (thrown.getClass().getName().equals("org.awaitility.core.ConditionTimeoutException")) {
            System.err.println("Threads when " + context.getDisplayName() + " ran out of time:\n" + ThreadDump.now());
        }
        throw thrown;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Infrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Infrastructure.shared();
    }
}

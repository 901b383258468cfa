package org.leadrelay.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.UuidRepresentation;
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
 * Tests run in development mode ({@code leadrelay.development=true}): the services' published
 * development keys and passwords are allowed, with a warning, instead of stopping the start.
 */
public class InfrastructureExtension implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler {

    public static final String KAFKA_PROPERTY = "spring.kafka.bootstrap-servers";
    public static final String MONGO_PROPERTY = "spring.mongodb.uri";
    public static final String DEVELOPMENT_PROPERTY = "leadrelay.development";

    @Override
    public void beforeAll(ExtensionContext context) {
        Infrastructure infrastructure = Infrastructure.shared();
        System.setProperty(KAFKA_PROPERTY, infrastructure.kafkaBootstrapServers());
        System.setProperty(MONGO_PROPERTY, infrastructure.mongoUri());
        System.setProperty(DEVELOPMENT_PROPERTY, "true");
        LeadKeyServer.shared(); // lead-intake's key endpoint for a service's own tests, its URL in a system property
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

    /**
     * A client of the shared MongoDB-wire server that reads and writes UUIDs in the standard binary
     * form, as the services do, for tests of a repository on its own; the caller closes it.
     */
    public static MongoClient mongoClient() {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(Infrastructure.shared().mongoUri()))
                .uuidRepresentation(UuidRepresentation.STANDARD).build());
    }
}

package org.leadrelay.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka broker and a real MongoDB-wire server, started once per JVM and
 * shared by every test class, with {@code spring.kafka.bootstrap-servers} and
 * {@code spring.mongodb.uri} set as system properties before any Spring context starts.
 *
 * <p>By default the broker is spring-kafka-test's embedded KRaft broker and the database is
 * mongo-java-server, both in-process. With {@code -Dleadrelay.test.infrastructure=testcontainers}
 * they are Testcontainers' Kafka and MongoDB instead; without a Docker engine those runs skip.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(InfrastructureExtension.class)
public @interface WithInfrastructure {
}

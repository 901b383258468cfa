package org.leadrelay.testing;

/**
 * The broker and database a test run shares. One instance per JVM, started on first use and closed
 * when the JUnit run ends.
 */
public interface Infrastructure extends AutoCloseable {

    /** System property selecting the infrastructure: {@code embedded} (default) or {@code testcontainers}. */
    String MODE_PROPERTY = "leadrelay.test.infrastructure";

    /** The Kafka bootstrap servers, {@code host:port[,host:port]}. */
    String kafkaBootstrapServers();

    /** A MongoDB connection string without a database; each service picks its own database. */
    String mongoUri();

    @Override
    void close();

    /** The infrastructure of this JVM, started on first call. */
    static Infrastructure shared() {
        return SharedInfrastructure.get();
    }
}

package org.leadrelay.testing;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/** Starts the JVM's infrastructure once, in the mode the system property selects. */
final class SharedInfrastructure {

    private static Infrastructure instance;

    private SharedInfrastructure() {
    }

    static synchronized Infrastructure get() {
        if (instance == null) {
            instance = start(System.getProperty(Infrastructure.MODE_PROPERTY, "embedded"));
            Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stop, "infrastructure-stop"));
        }
        return instance;
    }

    static synchronized void stop() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    private static Infrastructure start(String mode) {
        return switch (mode) {
            case "embedded" -> EmbeddedInfrastructure.start();
            case "testcontainers" -> {
                Assumptions.assumeTrue(dockerAvailable(), "no Docker engine here: skipping the Testcontainers run");
                yield ContainerInfrastructure.start();
            }
            default -> throw new IllegalArgumentException(
                    Infrastructure.MODE_PROPERTY + " must be embedded or testcontainers, not " + mode);
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}

package org.leadrelay.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** Runs only where a Docker engine is present; skips cleanly elsewhere. */
class TestcontainersInfrastructureIT {

    @Test
    void startsKafkaAndMongoInContainers() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine here");
        try (ContainerInfrastructure containers = ContainerInfrastructure.start()) {
            assertThat(containers.kafkaBootstrapServers()).isNotBlank();
            assertThat(containers.mongoUri()).startsWith("mongodb://");
        }
    }
}

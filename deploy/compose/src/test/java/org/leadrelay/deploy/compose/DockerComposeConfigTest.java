package org.leadrelay.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose itself reads the file: Debian's docker-compose validates it against the Compose schema
 * and resolves its variables without a Docker engine. Skipped only where docker-compose is absent.
 */
class DockerComposeConfigTest {

    private static final long TIMEOUT_SECONDS = 60;

    private static String dockerCompose;

    @BeforeAll
    static void findDockerCompose() {
        dockerCompose = Commands.onPath("docker-compose");
        assumeTrue(dockerCompose != null, "docker-compose is not installed (apt-get install docker-compose)");
    }

    @Test
    void acceptsTheFileWithTheExampleEnvFile() {
        Commands.Result config = run("--env-file", ".env.example", "-f", "compose.yaml", "config");

        assertThat(config.exitCode()).as(config.stderr()).isZero();
        Map<String, Object> resolved = Deployment.yaml(config.stdout());
        Map<String, Map<String, Object>> services = Deployment.map(resolved.get("services"));
        assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "mongo-1", "mongo-2", "mongo-3", "mongo-init",
                "lead-intake", "partner-directory", "lead-router-1", "lead-router-2", "notification-service-1",
                "notification-service-2", "operator-console", "proxy", "prometheus", "grafana", "mailpit");
    }

    @Test
    void resolvesEveryImageToTheNameDeployImagesPropertiesGives() {
        Commands.Result config = run("--env-file", ".env.example", "-f", "compose.yaml", "config");

        assertThat(config.exitCode()).as(config.stderr()).isZero();
        Properties images = Deployment.images();
        Map<String, Map<String, Object>> services = Deployment.map(Deployment.yaml(config.stdout()).get("services"));
        List<String> leadRelayImages = services.values().stream().map(service -> String.valueOf(service.get("image")))
                .filter(image -> image.startsWith(images.getProperty("registry") + "/")).distinct().sorted().toList();
        assertThat(leadRelayImages).containsExactlyInAnyOrderElementsOf(Deployment.leadRelayServices().stream()
                .map(service -> images.getProperty("registry") + "/" + service + ":" + images.getProperty("tag")).toList());
    }

    @Test
    void refusesToStartWithoutTheSecretsAndNamesTheMissingOne(@TempDir Path directory) throws IOException {
        Path empty = Files.createFile(directory.resolve("empty.env"));

        Commands.Result config = run("--env-file", empty.toString(), "-f", "compose.yaml", "config");

        assertThat(config.exitCode()).isNotZero();
        assertThat(config.stderr()).containsPattern("set LEADRELAY_[A-Z_]+ in \\.env");
    }

    private static Commands.Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(dockerCompose));
        command.addAll(List.of(arguments));
        return Commands.run(command, TIMEOUT_SECONDS);
    }
}

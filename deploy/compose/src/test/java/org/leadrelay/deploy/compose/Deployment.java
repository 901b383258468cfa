package org.leadrelay.deploy.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files as the tests read them: compose.yaml with its anchors and merge keys
 * expanded (as Compose expands them), deploy/images.properties, the Dockerfile. Paths are relative
 * to this module's folder, deploy/compose, where Maven runs the tests.
 */
final class Deployment {

    static final Path COMPOSE_DIR = Path.of("").toAbsolutePath();
    static final Path COMPOSE_FILE = COMPOSE_DIR.resolve("compose.yaml");
    static final Path ENV_EXAMPLE = COMPOSE_DIR.resolve(".env.example");
    static final Path IMAGES = COMPOSE_DIR.resolve("../images.properties").normalize();
    static final Path DOCKERFILE = COMPOSE_DIR.resolve("../docker/Dockerfile").normalize();

    /** A reference to a variable of the env file: {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?error}}. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?([-?])([^}]*))?}");

    private Deployment() {
    }

    static Map<String, Object> yaml(Path file) {
        return yaml(read(file));
    }

    static Map<String, Object> yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(500);
        return new Yaml(new SafeConstructor(options)).load(text);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> compose() {
        return yaml(COMPOSE_FILE);
    }

    static Map<String, Map<String, Object>> services() {
        return map(compose().get("services"));
    }

    /** A service's environment, in whichever of Compose's two forms (map or KEY=value list) it is written. */
    static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((name, value) -> variables.put(String.valueOf(name), value == null ? null : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] parts = String.valueOf(entry).split("=", 2);
                variables.put(parts[0], parts.length == 2 ? parts[1] : null);
            }
        }
        return variables;
    }

    /** deploy/images.properties: registry, tag, jar-version, services. */
    static Properties images() {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(IMAGES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static List<String> leadRelayServices() {
        return Arrays.stream(images().getProperty("services").split(",")).map(String::trim).toList();
    }

    /** The image reference compose.yaml must give an instance of {@code service}. */
    static String expectedImage(String service) {
        Properties images = images();
        return "${LEADRELAY_REGISTRY:-" + images.getProperty("registry") + "}/" + service + ":${LEADRELAY_IMAGE_TAG:-"
                + images.getProperty("tag") + "}";
    }

    /** The Lead Relay service a Compose service runs (its image's name), or null for infrastructure. */
    static String leadRelayServiceOf(Map<String, Object> service) {
        String image = String.valueOf(service.get("image"));
        for (String name : leadRelayServices()) {
            if (image.contains("/" + name + ":")) {
                return name;
            }
        }
        return null;
    }

    /** The env file's variables, KEY=value lines, quotes removed. */
    static Map<String, String> envFile(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("=", 2);
            String value = parts.length == 2 ? parts[1] : "";
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            variables.put(parts[0], value);
        }
        return variables;
    }

    /** The names of the variables {@code text} refers to and requires ({@code ${NAME:?...}}). */
    static List<String> requiredVariables(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            if ("?".equals(matcher.group(2))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    static <E> List<E> list(Object value) {
        return (List<E>) value;
    }
}

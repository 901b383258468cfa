package org.leadrelay.deploy.kubernetes;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The chart in deploy/kubernetes/leadrelay, linted and rendered by the helm library that helm-java
 * carries in its jar (no binary is downloaded, no cluster is reached), and the rendered objects
 * read into fabric8's model: custom resources (Strimzi, KEDA, Prometheus operator) as
 * {@link GenericKubernetesResource}.
 */
final class Chart {

    static final Path DIRECTORY = Path.of("leadrelay").toAbsolutePath();
    static final Path PRODUCTION_VALUES = DIRECTORY.resolve("values-production.yaml");
    static final String RELEASE = "leadrelay";
    static final List<String> SERVICES =
            List.of("lead-intake", "partner-directory", "lead-router", "notification-service", "operator-console");
    static final List<String> SCALED_SERVICES = List.of("lead-router", "notification-service");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Chart() {
    }

    static LintResult lint() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    /**
     * helm lint with values-production.yaml over the defaults. helm-java's lint takes no values
     * file, so this lints a copy of the chart whose values.yaml is the two merged as helm merges
     * them (maps deeply, anything else replaced).
     */
    static LintResult lintForProduction(Path workDirectory) throws java.io.IOException {
        Path copy = workDirectory.resolve("leadrelay");
        try (var files = java.nio.file.Files.walk(DIRECTORY)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(DIRECTORY.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target);
                }
            }
        }
        var yaml = new tools.jackson.dataformat.yaml.YAMLMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> defaults = yaml.readValue(DIRECTORY.resolve("values.yaml").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> production = yaml.readValue(PRODUCTION_VALUES.toFile(), Map.class);
        yaml.writeValue(copy.resolve("values.yaml").toFile(), merged(defaults, production));
        return new Helm(copy).lint().strict().call();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> result = new java.util.LinkedHashMap<>(base);
        over.forEach((key, value) -> result.merge(key, value, (mine, theirs) -> mine instanceof Map && theirs instanceof Map
                ? merged((Map<String, Object>) mine, (Map<String, Object>) theirs) : theirs));
        return result;
    }

    /** The chart with its default values. */
    static Rendered byDefault() {
        return render(command -> command);
    }

    /** The chart with values-production.yaml over the defaults. */
    static Rendered forProduction() {
        return render(command -> command.withValuesFile(PRODUCTION_VALUES));
    }

    static Rendered render(UnaryOperator<TemplateCommand> options) {
        return new Rendered(parse(renderText(options)));
    }

    static String renderText(UnaryOperator<TemplateCommand> options) {
        return options.apply(new Helm(DIRECTORY).template().withName(RELEASE).withNamespace("leadrelay")).call();
    }

    static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
            boolean empty = Arrays.stream(document.split("\n"))
                    .allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"));
            if (!empty) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    static String objectName(String service) {
        return RELEASE + "-" + service;
    }

    /** The objects of one rendering. */
    record Rendered(List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<GenericKubernetesResource> all(String apiVersion, String kind) {
            return objects.stream()
                    .filter(object -> apiVersion.equals(object.getApiVersion()) && kind.equals(object.getKind()))
                    .map(GenericKubernetesResource.class::cast)
                    .toList();
        }

        <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
            return all(type).stream().filter(object -> name.equals(object.getMetadata().getName())).findFirst();
        }

        <T extends HasMetadata> T get(Class<T> type, String name) {
            return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
                    + " among " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
        }

        GenericKubernetesResource get(String apiVersion, String kind, String name) {
            return all(apiVersion, kind).stream()
                    .filter(object -> name.equals(object.getMetadata().getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T at(GenericKubernetesResource resource, String... path) {
        Object current = resource.getAdditionalProperties();
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError(resource.getKind() + "/" + resource.getMetadata().getName()
                        + " has no " + String.join(".", path));
            }
            current = map.get(key);
        }
        return (T) current;
    }
}

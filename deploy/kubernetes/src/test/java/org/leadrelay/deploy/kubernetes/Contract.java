package org.leadrelay.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the chart must agree with, read from the sources rather than repeated here: the topics of
 * lead-events' Topics class and the consumer bindings of the services' own configuration files.
 * (This module does not depend on the service modules, so that it builds alone.)
 */
final class Contract {

    private static final Path ROOT = Path.of("..", "..");

    private Contract() {
    }

    /** Topics.ALL, in its order. */
    static List<String> topics() {
        String source = read(ROOT.resolve("lead-events/src/main/java/org/leadrelay/events/Topics.java"));
        Map<String, String> constants = new HashMap<>();
        Matcher constant = Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";").matcher(source);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        Matcher all = Pattern.compile("List<String> ALL = List\\.of\\(([^)]*)\\);").matcher(source);
        if (!all.find()) {
            throw new AssertionError("Topics.ALL not found in Topics.java");
        }
        return Arrays.stream(all.group(1).split(","))
                .map(String::strip)
                .map(name -> {
                    if (!constants.containsKey(name)) {
                        throw new AssertionError("Topics." + name + " is not a String constant");
                    }
                    return constants.get(name);
                })
                .toList();
    }

    /** The topics Topics.isCompacted names. */
    static List<String> compactedTopics() {
        String source = read(ROOT.resolve("lead-events/src/main/java/org/leadrelay/events/Topics.java"));
        Matcher body = Pattern.compile("boolean isCompacted\\(String topic\\) \\{([^}]*)}").matcher(source);
        if (!body.find()) {
            throw new AssertionError("Topics.isCompacted not found");
        }
        Matcher constant = Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";").matcher(source);
        Map<String, String> constants = new HashMap<>();
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        return Pattern.compile("(\\w+)\\.equals\\(topic\\)").matcher(body.group(1)).results()
                .map(match -> constants.get(match.group(1)))
                .toList();
    }

    /** A service's Spring Cloud Stream input bindings: destination topic to consumer group. */
    static Map<String, String> consumerGroups(String service) {
        JsonNode configuration = new YAMLMapper().readTree(
                read(ROOT.resolve(service + "/src/main/resources/" + service + ".yml")));
        JsonNode bindings = configuration.at("/spring/cloud/stream/bindings");
        Map<String, String> groups = new HashMap<>();
        for (var binding : bindings.properties()) {
            groups.put(binding.getValue().get("destination").asString(), binding.getValue().get("group").asString());
        }
        return groups;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

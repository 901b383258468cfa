package org.leadrelay.testing;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lints an OpenAPI document the way Redocly's {@code recommended} ruleset and Spectral's
 * {@code oas} errors would, in Java, since the build has no Node: the swagger parser's validation
 * messages, and the rules a client's author relies on. Every finding is an error. The rules:
 *
 * <ul>
 * <li>{@code spec}: the parser's validation messages (structure, references, types);</li>
 * <li>{@code operation-operationId}, {@code -unique}, {@code -url-safe}, {@code -meaningful}: an id on
 * every operation, used once, URL-safe, not springdoc's {@code _1} for a second method of the name;</li>
 * <li>{@code operation-summary};</li>
 * <li>{@code operation-success-response}: a 2xx or 3xx answer; {@code operation-4xx-response}: a
 * 4xx one, unless nothing a request carries can be refused (no body, no sign-in, no parameter that
 * is required or converted);</li>
 * <li>{@code problem-details}: every 4xx and 5xx answer has a body, RFC 9457 problem details
 * ({@code application/problem+json}) or, for a page, HTML;</li>
 * <li>{@code security-defined}: every operation says what sign-in it needs ({@code security}, empty
 * for none, or the document's), naming only schemes the document defines;
 * {@code sign-in-refusal}: one that needs sign-in answers 401;</li>
 * <li>{@code path-parameters-defined}: every template parameter declared in the path, and the other
 * way round; {@code no-path-trailing-slash}, {@code path-not-include-query};</li>
 * <li>{@code pattern-ecma}: every {@code pattern} compiles, and uses nothing of Java's that ECMA-262
 * (JSON Schema's dialect) lacks: possessive quantifiers, atomic groups, inline flags, {@code \A \Z \z
 * \G \Q \E \h \R}, POSIX and Java classes such as {@code \p{Alpha}}, class intersections;</li>
 * <li>{@code no-empty-servers}, {@code no-server-example.com}, {@code info-description}.</li>
 * </ul>
 *
 * Not checked, and why: {@code info-license} and {@code info-contact} (the project states neither
 * a licence nor a contact, and the document must not invent them).
 */
final class OpenApiLint {

    /** One fault: the rule, where (an operation, a path, a JSON pointer) and what. */
    record Finding(String rule, String where, String message) {

        @Override
        public String toString() {
            return rule + " at " + where + ": " + message;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern GENERATED = Pattern.compile(".*_\\d+");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final Pattern JAVA_CLASS_NAME = Pattern.compile(
            "(Is|In|java).*|Alpha|Digit|Alnum|Upper|Lower|Punct|Graph|Print|Blank|Cntrl|XDigit|Space|ASCII");

    private final List<Finding> findings = new ArrayList<>();

    private OpenApiLint() {
    }

    /** The faults of the document, none when it passes. */
    static List<Finding> lint(String document) {
        OpenApiLint lint = new OpenApiLint();
        lint.check(document);
        return List.copyOf(lint.findings);
    }

    private void check(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(document, null, options);
        if (parsed.getMessages() != null) {
            parsed.getMessages().forEach(message -> report("spec", "document", message));
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (RuntimeException e) {
            report("spec", "document", "not JSON: " + e.getMessage());
            return;
        }
        checkInfoAndServers(root);
        Set<String> schemes = new HashSet<>(root.path("components").path("securitySchemes").propertyNames());
        checkSecurityNames(root.path("security"), schemes, "document");
        Map<String, String> operationIds = new HashMap<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            checkPath(path.getKey());
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (METHODS.contains(entry.getKey())) {
                    String where = entry.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                    checkOperation(where, path.getKey(), path.getValue(), entry.getValue(), root, schemes, operationIds);
                }
            }
        }
        checkPatterns(root, "");
    }

    private void checkInfoAndServers(JsonNode root) {
        if (root.path("info").path("description").asString("").isBlank()) {
            report("info-description", "/info", "the document says nothing of what the service is for");
        }
        JsonNode servers = root.path("servers");
        if (!servers.isArray() || servers.isEmpty()) {
            report("no-empty-servers", "/servers", "no server: say where the API is, a relative URL at least");
        }
        for (JsonNode server : servers) {
            if (server.path("url").asString("").matches("(?i).*\\bexample\\.(com|org|net).*")) {
                report("no-server-example.com", "/servers", "a placeholder server: " + server.path("url").asString());
            }
        }
    }

    private void checkPath(String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            report("no-path-trailing-slash", path, "the path ends with a slash");
        }
        if (path.contains("?")) {
            report("path-not-include-query", path, "a query string belongs in parameters");
        }
    }

    private void checkOperation(String where, String path, JsonNode pathItem, JsonNode operation, JsonNode root, Set<String> schemes,
            Map<String, String> operationIds) {
        String id = operation.path("operationId").asString("");
        if (id.isBlank()) {
            report("operation-operationId", where, "no operationId");
        } else {
            String first = operationIds.putIfAbsent(id, where);
            if (first != null) {
                report("operation-operationId-unique", where, "operationId " + id + " is also " + first + "'s");
            }
            if (!URL_SAFE.matcher(id).matches()) {
                report("operation-operationId-url-safe", where, "operationId " + id + " is not URL-safe");
            }
            if (GENERATED.matcher(id).matches()) {
                report("operation-operationId-meaningful", where, "operationId " + id + " is a generated one: name it");
            }
        }
        if (operation.path("summary").asString("").isBlank()) {
            report("operation-summary", where, "no summary");
        }
        JsonNode security = operation.has("security") ? operation.get("security") : root.get("security");
        if (security == null) {
            report("security-defined", where, "says nothing of sign-in: give security, empty when none is needed");
        } else {
            checkSecurityNames(security, schemes, where);
        }
        boolean signIn = security != null && !security.isEmpty() && security.valueStream().noneMatch(JsonNode::isEmpty);
        JsonNode responses = operation.path("responses");
        Set<String> statuses = new HashSet<>(responses.propertyNames());
        if (statuses.stream().noneMatch(status -> status.matches("[23]..|[23]XX"))) {
            report("operation-success-response", where, "no 2xx or 3xx answer");
        }
        boolean refusable = signIn || operation.has("requestBody") || parameters(pathItem, operation).stream().anyMatch(OpenApiLint::refusable);
        if (refusable && statuses.stream().noneMatch(status -> status.startsWith("4"))) {
            report("operation-4xx-response", where, "no 4xx answer, though a request can be refused");
        }
        if (signIn && !statuses.contains("401")) {
            report("sign-in-refusal", where, "needs sign-in but does not say it answers 401");
        }
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            if (response.getKey().matches("[45].*")) {
                JsonNode content = response.getValue().path("content");
                if (!content.has("application/problem+json") && !content.has("text/html")) {
                    report("problem-details", where + " " + response.getKey(),
                            "an error answer without problem details (application/problem+json) or a page");
                }
            }
        }
        checkPathParameters(where, path, parameters(pathItem, operation));
    }

    private void checkSecurityNames(JsonNode security, Set<String> schemes, String where) {
        for (JsonNode requirement : security) {
            for (String name : requirement.propertyNames()) {
                if (!schemes.contains(name)) {
                    report("security-defined", where, "names the security scheme " + name + ", which components.securitySchemes lacks");
                }
            }
        }
    }

    private static List<JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        List<JsonNode> all = new ArrayList<>();
        pathItem.path("parameters").forEach(all::add);
        operation.path("parameters").forEach(all::add);
        return all;
    }

    /** Whether a request can be refused over the parameter: a required one, or one that is not free text. */
    private static boolean refusable(JsonNode parameter) {
        JsonNode schema = parameter.path("schema");
        boolean text = schema.path("type").asString("string").equals("string") && !schema.has("format") && !schema.has("pattern")
                && !schema.has("enum");
        return !text || (parameter.path("required").asBoolean(false) && !"path".equals(parameter.path("in").asString()));
    }

    private void checkPathParameters(String where, String path, List<JsonNode> parameters) {
        Set<String> declared = new HashSet<>();
        parameters.stream().filter(parameter -> "path".equals(parameter.path("in").asString()))
                .forEach(parameter -> declared.add(parameter.path("name").asString()));
        Set<String> templated = new HashSet<>();
        Matcher names = TEMPLATE.matcher(path);
        while (names.find()) {
            templated.add(names.group(1));
        }
        for (String name : templated) {
            if (!declared.contains(name)) {
                report("path-parameters-defined", where, "the path's {" + name + "} is not declared as a path parameter");
            }
        }
        for (String name : declared) {
            if (!templated.contains(name)) {
                report("path-parameters-defined", where, "the path parameter " + name + " is not in the path");
            }
        }
    }

    private void checkPatterns(JsonNode node, String pointer) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (field.getKey().equals("pattern") && field.getValue().isString()) {
                    String problem = javaOnly(field.getValue().asString());
                    if (problem != null) {
                        report("pattern-ecma", at, problem + ": " + field.getValue().asString());
                    }
                } else {
                    checkPatterns(field.getValue(), at);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkPatterns(node.get(i), pointer + "/" + i);
            }
        }
    }

    /** What in the regular expression ECMA-262 does not read as Java does, or null when nothing. */
    static String javaOnly(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return "does not compile (" + e.getDescription() + ")";
        }
        boolean inClass = false;
        char previous = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char escaped = regex.charAt(++i);
                if ("AZzGQEhHRXe".indexOf(escaped) >= 0) {
                    return "\\" + escaped + " is Java's only";
                }
                if ((escaped == 'p' || escaped == 'P') && i + 1 < regex.length() && regex.charAt(i + 1) == '{') {
                    int end = regex.indexOf('}', i);
                    String name = end < 0 ? "" : regex.substring(i + 2, end);
                    if (JAVA_CLASS_NAME.matcher(name).matches()) {
                        return "\\" + escaped + "{" + name + "} is a Java class";
                    }
                    i = Math.max(i, end);
                }
                previous = 'x'; // an escaped character is a literal: a quantifier after it is not possessive
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                } else if (c == '[') {
                    return "a class inside a class is Java's union";
                } else if (c == '&' && previous == '&') {
                    return "&& in a class is Java's intersection";
                }
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++; // a leading ] is a literal in Java
                }
            } else if (c == '+' && "*+?}".indexOf(previous) >= 0 && i > 0) {
                return "a possessive quantifier";
            } else if (c == '(' && i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
                String rest = regex.substring(i + 2);
                boolean ecma = rest.startsWith(":") || rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<=")
                        || rest.startsWith("<!") || rest.matches("(?s)<[A-Za-z][A-Za-z0-9]*>.*");
                if (!ecma) {
                    return rest.startsWith(">") ? "an atomic group" : "an inline flag or a group ECMA-262 lacks";
                }
            }
            // a quantifier's own + or ? (lazy) is not a quantifier to quantify again
            previous = (c == '+' || c == '?') && "*+?}".indexOf(previous) >= 0 ? 'x' : c;
        }
        return null;
    }

    private void report(String rule, String where, String message) {
        findings.add(new Finding(rule, where, message));
    }
}

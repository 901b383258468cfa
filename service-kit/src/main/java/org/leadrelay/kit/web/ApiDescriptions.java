package org.leadrelay.kit.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What every service's OpenAPI document says the same way, so that a controller states only what is
 * its own (its success status, its 404 or 409, {@code @SecurityRequirement(name = OPERATOR)}):
 *
 * <ul>
 * <li>every error answer is RFC 9457 problem details ({@code application/problem+json}, schema
 * {@code Problem} with the {@code errors} that {@link ProblemDetailsAdvice} lists), unless the
 * controller gave it another body (an HTML page's);</li>
 * <li>an operation that takes a body answers 400 (unreadable or invalid, each field with its JSON
 * pointer) and 415 (another media type); one with a parameter Spring converts or requires answers 400;</li>
 * <li>an operation that needs sign-in names the {@value #OPERATOR} scheme (HTTP Basic) or the
 * {@value #OPERATOR_TOKEN} one (a JWT from the OIDC issuer, when the service has one configured), and
 * answers 401 and 403 as the kit's {@code OperatorAccounts} does; every other operation says it needs
 * none ({@code security: []}), so that a reader never has to guess.</li>
 * </ul>
 *
 * It only describes: requests are answered as before.
 */
public class ApiDescriptions implements OpenApiCustomizer {

    /** The security scheme an operation that needs sign-in names in its {@code @SecurityRequirement}. */
    public static final String OPERATOR = "operator";
    /** The alternative to {@link #OPERATOR} that every operation needing sign-in is given. */
    public static final String OPERATOR_TOKEN = "operatorToken";

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "Problem";

    @Override
    public void customise(OpenAPI api) {
        api.setServers(List.of(new Server().url("/").description("the service itself, wherever it is deployed")));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        components.addSchemas("FieldError", fieldErrorSchema());
        if (components.getSchemas().containsKey("ProblemDetail")) {
            components.getSchemas().remove("ProblemDetail"); // Spring's own class: every reference becomes Problem below
        }
        components.addSecuritySchemes(OPERATOR, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("HTTP Basic with an account of this service: an operator's, or where the operation says so another "
                        + "account's (a key reader's, a partner's id and key)"));
        components.addSecuritySchemes(OPERATOR_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token from the organisation's OIDC issuer carrying the operator scope; "
                        + "accepted once the service is configured with the issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri)"));
        boolean signInByDefault = needsSignIn(api.getSecurity());
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> describe(operation, signInByDefault)));
        }
    }

    private static void describe(Operation operation, boolean signInByDefault) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean signIn = operation.getSecurity() == null ? signInByDefault : needsSignIn(operation.getSecurity());
        if (signIn) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(OPERATOR), new SecurityRequirement().addList(OPERATOR_TOKEN)));
            addIfAbsent(responses, "401", "Not signed in, or with credentials this service does not know");
            addIfAbsent(responses, "403", "Signed in, with an account that may not do this");
        } else {
            operation.setSecurity(List.of());
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", "The body could not be read or is invalid: problem details listing each rejected field "
                    + "with a JSON pointer under errors; nothing is done");
            addIfAbsent(responses, "415", "The body is not in a media type this operation takes");
        } else if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(ApiDescriptions::canBeRefused)) {
            addIfAbsent(responses, "400", "A parameter is missing or not of its type; nothing is done");
        }
        Content success = responses.entrySet().stream().filter(response -> response.getKey().matches("[23]..")).sorted(Map.Entry.comparingByKey())
                .map(response -> response.getValue().getContent()).filter(Objects::nonNull).findFirst().orElse(null);
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                asProblem(response, success);
            } else if (status.startsWith("3")) {
                response.setContent(null); // a redirect: springdoc's guess from the return type is no body of it
            }
        });
    }

    /** Whether Spring refuses a request over this parameter: a required one, or one it converts from text. */
    private static boolean canBeRefused(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        boolean converted = schema != null && (!"string".equals(type(schema)) || schema.getFormat() != null);
        return converted || (Boolean.TRUE.equals(parameter.getRequired()) && !"path".equals(parameter.getIn()));
    }

    private static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null || schema.getTypes().isEmpty() ? null : schema.getTypes().iterator().next();
    }

    private static boolean needsSignIn(List<SecurityRequirement> security) {
        return security != null && !security.isEmpty() && security.stream().noneMatch(Map::isEmpty);
    }

    private static void addIfAbsent(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    /**
     * No body said, Spring's ProblemDetail, or the success answer's body (springdoc's guess from the
     * method's return type for a status declared without content): the kit's problem details. A body
     * the controller gave otherwise (an HTML page, an import's report) stays as it said.
     */
    private static void asProblem(ApiResponse response, Content success) {
        Content content = response.getContent();
        if (content == null || content.isEmpty() || content.equals(success)) {
            response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problemReference())));
            return;
        }
        Content described = new Content();
        content.forEach((type, media) -> {
            boolean problem = media.getSchema() != null && Objects.toString(media.getSchema().get$ref(), "").endsWith("/ProblemDetail");
            described.addMediaType(problem ? PROBLEM_JSON : type, problem ? new MediaType().schema(problemReference()) : media);
        });
        response.setContent(described);
    }

    private static Schema<?> problemReference() {
        return new Schema<>().$ref("#/components/schemas/" + PROBLEM);
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri")
                        .description("what kind of problem: https://leadrelay.org/problems/validation, .../malformed-request, or about:blank"))
                .addProperty("title", new StringSchema().description("the kind of problem, for people"))
                .addProperty("status", new IntegerSchema().format("int32").description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong with this request"))
                .addProperty("instance", new StringSchema().format("uri").description("the request's path"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("each rejected field, when the problem is about fields"));
    }

    private static Schema<?> fieldErrorSchema() {
        return new ObjectSchema()
                .description("One rejected field of a request")
                .addProperty("pointer", new StringSchema().description("a JSON pointer (RFC 6901) to the field in the request body, "
                        + "or /query/<name> for a query parameter"))
                .addProperty("detail", new StringSchema().description("what is wrong with it"))
                .required(List.of("pointer", "detail"));
    }
}

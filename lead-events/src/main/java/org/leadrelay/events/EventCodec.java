package org.leadrelay.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into their JSON payload and back. Reading validates the payload against the event
 * type's published JSON Schema before binding it, so a consumer never acts on a payload that breaks
 * the contract. Thread-safe; make one and share it.
 */
public final class EventCodec {

    /** Where the schemas are published; the same files ship in this jar. */
    public static final String SCHEMA_BASE = "https://leadrelay.org/schemas/";
    private static final String SCHEMA_RESOURCES = "classpath:org/leadrelay/events/schemas/";

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(inclusion -> inclusion
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();
    private final Map<String, Schema> schemas;

    public EventCodec() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(SCHEMA_BASE, SCHEMA_RESOURCES)));
        schemas = EventCatalog.ALL.stream().collect(Collectors.toUnmodifiableMap(EventDescriptor::type,
                descriptor -> registry.getSchema(SchemaLocation.of(SCHEMA_BASE + descriptor.schema()))));
        schemas.values().forEach(Schema::initializeValidators);
    }

    public byte[] write(LeadRelayEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    /**
     * Reads a payload of the given CloudEvents type.
     *
     * @throws MalformedEventException when the type is unknown, the payload is not JSON, breaks the
     *                                 schema, or breaks a rule of the record
     */
    public LeadRelayEvent read(String type, byte[] payload) {
        EventDescriptor<?> descriptor = EventCatalog.byType(type)
                .orElseThrow(() -> new MalformedEventException("unknown event type " + type));
        JsonNode json = parse(payload);
        List<String> violations = violations(type, json);
        if (!violations.isEmpty()) {
            throw new MalformedEventException(type + " breaks its schema: " + String.join("; ", violations));
        }
        try {
            return mapper.treeToValue(json, descriptor.javaType());
        } catch (JacksonException e) {
            throw new MalformedEventException(type + " is invalid: " + rootMessage(e), e);
        }
    }

    /** Reads a payload and checks it is the expected kind of event. */
    public <T extends LeadRelayEvent> T read(String type, byte[] payload, Class<T> expected) {
        LeadRelayEvent event = read(type, payload);
        if (!expected.isInstance(event)) {
            throw new MalformedEventException("expected " + EventCatalog.of(expected).type() + " but got " + type);
        }
        return expected.cast(event);
    }

    /** The schema violations of a payload, each naming the offending field; empty when valid. */
    public List<String> validate(String type, byte[] payload) {
        return violations(type, parse(payload));
    }

    private List<String> violations(String type, JsonNode json) {
        Schema schema = schemas.get(type);
        if (schema == null) {
            throw new MalformedEventException("unknown event type " + type);
        }
        return schema.validate(json).stream().map(Error::toString).toList();
    }

    private JsonNode parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new MalformedEventException("empty payload");
        }
        try {
            return mapper.readTree(payload);
        } catch (JacksonException e) {
            throw new MalformedEventException("payload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
    }
}

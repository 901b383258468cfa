package org.leadrelay.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The CloudEvents 1.0 Kafka protocol binding in binary mode: context attributes travel as
 * {@code ce_*} headers, the payload is the event's JSON. The one place that maps them, used by every
 * producer and consumer. Header values are UTF-8 strings, as the binding specifies.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The headers of an outgoing record, in a stable order. */
    public static Map<String, byte[]> toHeaders(UUID id, String type, String source, Instant time) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(ID, utf8(id.toString()));
        headers.put(TYPE, utf8(type));
        headers.put(SOURCE, utf8(source));
        headers.put(TIME, utf8(time.toString()));
        headers.put(SPEC_VERSION, utf8(SPEC_VERSION_1_0));
        headers.put(CONTENT_TYPE, utf8(APPLICATION_JSON));
        return headers;
    }

    public static Map<String, byte[]> toHeaders(EventEnvelope<?> envelope) {
        return toHeaders(envelope.id(), envelope.type(), envelope.source(), envelope.time());
    }

    /**
     * Reads the context attributes of an incoming record.
     *
     * @param header the raw value of a header by name, or null when the record lacks it
     * @throws MalformedEventException when a required attribute is missing or unreadable
     */
    public static Context read(Function<String, byte[]> header) {
        String specVersion = required(header, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException("unsupported " + SPEC_VERSION + " " + specVersion);
        }
        String contentType = text(header.apply(CONTENT_TYPE));
        if (contentType != null && !contentType.startsWith(APPLICATION_JSON)) {
            throw new MalformedEventException("unsupported " + CONTENT_TYPE + " " + contentType);
        }
        try {
            return new Context(
                    UUID.fromString(required(header, ID)),
                    required(header, TYPE),
                    required(header, SOURCE),
                    Instant.parse(required(header, TIME)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("unreadable CloudEvents header: " + e.getMessage(), e);
        }
    }

    private static String required(Function<String, byte[]> header, String name) {
        String value = text(header.apply(name));
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing header " + name);
        }
        return value;
    }

    private static String text(byte[] value) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        // a Spring header mapper may have JSON-encoded a string header: accept "\"x\"" as x
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The context attributes of a received event. */
    public record Context(UUID id, String type, String source, Instant time) {
    }
}

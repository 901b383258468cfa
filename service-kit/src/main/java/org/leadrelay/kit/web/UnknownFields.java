package org.leadrelay.kit.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Notes every field of a request body that the request does not have, instead of failing on the
 * first: each one's JSON pointer is kept with the request and its value skipped, and
 * {@link UnknownFieldsAdvice} refuses the request once the whole body is read, naming them all
 * (and every other invalid field) in one answer. Outside an HTTP request (an event, a file read
 * by the service) it does nothing, and the mapper's own setting decides; so too for a reader
 * carrying the attribute {@link #LEFT_TO_THE_READER} (partner-directory's import, which reads each
 * row of a body on its own and reports a row's unknown fields in that row).
 */
public final class UnknownFields extends DeserializationProblemHandler {

    static final String ATTRIBUTE = UnknownFields.class.getName();

    /**
     * Set to {@code true} on an {@code ObjectReader} ({@code withAttribute}) whose caller handles
     * unknown fields itself: they are then left to the reader's own settings.
     */
    public static final String LEFT_TO_THE_READER = UnknownFields.class.getName() + ".leftToTheReader";

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, ValueDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || Boolean.TRUE.equals(context.getAttribute(LEFT_TO_THE_READER))) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (found == null) {
            found = new ArrayList<>();
            request.setAttribute(ATTRIBUTE, found, RequestAttributes.SCOPE_REQUEST);
        }
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        found.add(pointer.endsWith("/" + propertyName) ? pointer : pointer + "/" + propertyName);
        parser.skipChildren();
        return true;
    }

    /** The unknown fields the current request's body had, in the order they came. */
    @SuppressWarnings("unchecked")
    static List<String> ofCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object found = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return found == null ? List.of() : (List<String>) found;
    }
}

package org.leadrelay.events;

/**
 * A record that can never be processed: missing CloudEvents headers, an unknown type, or a payload
 * that breaks its schema. Consumers send it to the dead-letter topic at once instead of retrying.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

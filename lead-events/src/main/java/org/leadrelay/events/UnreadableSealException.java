package org.leadrelay.events;

/**
 * A sealed value that the key given cannot open: another lead's key or value, a value altered on
 * the way, or not a sealed value at all. Retrying cannot help.
 */
public class UnreadableSealException extends RuntimeException {

    public UnreadableSealException(String message, Throwable cause) {
        super(message, cause);
    }
}

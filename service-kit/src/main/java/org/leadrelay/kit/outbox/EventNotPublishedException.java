package org.leadrelay.kit.outbox;

/** The broker did not acknowledge an event in time; the caller keeps it for a later attempt. */
public class EventNotPublishedException extends Exception {

    public EventNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}

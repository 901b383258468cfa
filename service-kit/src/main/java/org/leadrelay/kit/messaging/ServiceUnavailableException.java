package org.leadrelay.kit.messaging;

/**
 * Another Lead Relay service that a handler needs did not answer, or answered that it is
 * unavailable (a 5xx, a refused connection, a timeout): like a database outage, the record is
 * retried until the service is back, and its partition waits ({@link RecordFailure#UNAVAILABLE}).
 */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

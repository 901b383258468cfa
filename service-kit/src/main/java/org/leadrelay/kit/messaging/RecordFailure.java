package org.leadrelay.kit.messaging;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.errors.RetriableException;
import org.leadrelay.events.MalformedEventException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Why a consumer could not handle a record, which decides what becomes of the record
 * ({@link ConsumerRetries}).
 */
public enum RecordFailure {

    /** The record cannot be read: it goes to the dead-letter topic at once. */
    MALFORMED,

    /**
     * Infrastructure the handler needs is unavailable (the database down or failing over, the
     * broker unreachable): the record is retried until it is back, and its partition waits.
     */
    UNAVAILABLE,

    /** Anything else: the binding's bounded retries, then the dead-letter topic. */
    FAILED;

    /**
     * What "unavailable" means, from the hierarchies their owners keep: Spring's data access
     * exceptions that say the resource failed or the operation may succeed if retried (Spring Data
     * MongoDB translates socket errors, timeouts, server selection and the failover error codes to
     * {@link DataAccessResourceFailureException}); the MongoDB driver's own network, timeout and
     * failover exceptions, for code that calls the driver directly; and Kafka's
     * {@link RetriableException} and a {@link java.util.concurrent.TimeoutException} (no
     * acknowledgement in time), for a handler that publishes and waits: the kit's
     * {@code EventNotPublishedException} keeps the broker's error as its cause, so a refusal that
     * retrying cannot fix (authorisation, a record too large) is not one of them; and a
     * {@link ServiceUnavailableException}, another Lead Relay service not answering.
     */
    private static final List<Class<? extends Throwable>> UNAVAILABLE_CAUSES = List.of(
            DataAccessResourceFailureException.class,
            TransientDataAccessException.class,
            RecoverableDataAccessException.class,
            MongoSocketException.class,
            MongoTimeoutException.class,
            MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class,
            MongoConnectionPoolClearedException.class,
            MongoServerUnavailableException.class,
            RetriableException.class,
            java.util.concurrent.TimeoutException.class,
            ServiceUnavailableException.class);

    /**
     * The kind of a failure, from the exception a listener container reports and its causes: a
     * malformed record anywhere in the chain makes it {@link #MALFORMED}, an unavailable
     * resource {@link #UNAVAILABLE}, anything else {@link #FAILED}.
     */
    public static RecordFailure of(Throwable thrown) {
        RecordFailure kind = FAILED;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = thrown; cause != null && seen.put(cause, Boolean.TRUE) == null; cause = cause.getCause()) {
            if (cause instanceof MalformedEventException) {
                return MALFORMED;
            }
            if (kind == FAILED && unavailable(cause)) {
                kind = UNAVAILABLE;
            }
        }
        return kind;
    }

    private static boolean unavailable(Throwable cause) {
        return UNAVAILABLE_CAUSES.stream().anyMatch(type -> type.isInstance(cause));
    }

    /** The tag value of the kit's consumer metrics. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package org.leadrelay.notification.delivery.channels;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.leadrelay.kit.scheduling.PeriodicTask;
import org.leadrelay.notification.delivery.EndpointProperties;
import org.leadrelay.notification.delivery.NotificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Connections to the mail relay, kept open between emails. Opening one is a TCP handshake, the
 * relay's greeting, EHLO (STARTTLS and AUTH when configured) and, at the end, QUIT: several round
 * trips, which cost more than sending a message itself. Spring's {@code JavaMailSenderImpl} opens
 * and closes a connection per {@code send} call (its batch {@code send} reuses one, but only within
 * one call, while each delivery here is an attempt of its own, on its own sender, with its own
 * outcome), so senders borrow a connection here instead: the one used most recently, or a new one,
 * given back after a successful send. The relay's bulkhead lets at most
 * {@code endpoints.max-concurrent-calls} emails go at once, so that many connections at most are
 * open, and kept.
 *
 * <p>A connection the relay closed while it sat idle fails on its next command. When that happens
 * before the message's content was written out, the relay cannot have accepted it (it takes a
 * message when the content ends), so it goes once more, at once, on a new connection: the same
 * attempt. After the content was written, a failure is the attempt's: the relay may have taken the
 * message, and sending it again at once could deliver it twice; the retry schedule sends it later
 * with the same {@code Message-ID}, by which a receiver drops a repeat. A connection whose send
 * failed is never used again. Connections idle for {@code smtp-idle-timeout} are closed (zero: one
 * connection per email, closed after it), and all of them when the service stops.
 */
@Component
class SmtpConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);
    /** The relay is closing the connection (RFC 5321, 4.2.2), as a relay does with one idle too long. */
    private static final int SERVICE_CLOSING = 421;
    /** What Jakarta Mail's SMTP transport records when the relay closed the connection without a word. */
    private static final int END_OF_STREAM = -1;

    private final JavaMailSenderImpl relay;
    private final long idleTimeoutNanos;
    private final int maxKept;
    private final Counter opened;
    /** Idle connections, the most recently used first. */
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final PeriodicTask closingIdle;
    private boolean closed;

    SmtpConnections(JavaMailSenderImpl relay, NotificationProperties properties, EndpointProperties endpoints, MeterRegistry meters) {
        this.relay = relay;
        Duration idleTimeout = properties.smtpIdleTimeout();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.maxKept = endpoints.maxConcurrentCalls();
        this.opened = Counter.builder("leadrelay.notifications.smtp.connections")
                .description("connections opened to the mail relay").register(meters);
        if (idleTimeoutNanos > 0) {
            Duration every = idleTimeout.dividedBy(4);
            every = every.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
                    : every.compareTo(Duration.ofMillis(20)) < 0 ? Duration.ofMillis(20) : every;
            closingIdle = PeriodicTask.every(every, "smtp-idle-connections", this::closeIdle);
            closingIdle.start();
        } else {
            closingIdle = null;
        }
    }

    /** The session emails are made in: the relay's, with its settings. */
    Session session() {
        return relay.getSession();
    }

    /**
     * Sends the email to all its recipients over a kept connection, or a new one.
     *
     * @throws MessagingException when it was not sent, or may not have been: no connection could be
     *                            made, the relay refused it, or the connection failed
     */
    void send(OutgoingEmail email) throws MessagingException {
        Connection connection = take();
        try {
            connection.send(email);
        } catch (MessagingException e) {
            connection.close();
            if (!connection.reused() || email.contentWritten() || !lost(connection, e)) {
                throw e;
            }
            log.debug("the mail relay had closed a kept connection ({}): sending on a new one", e.getClass().getSimpleName());
            connection = open();
            try {
                connection.send(email);
            } catch (MessagingException | RuntimeException again) {
                connection.close();
                throw again;
            }
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        giveBack(connection);
    }

    /** How many connections are kept open, idle, now. */
    int idleCount() {
        synchronized (idle) {
            return idle.size();
        }
    }

    private Connection take() throws MessagingException {
        List<Connection> expired = new ArrayList<>();
        Connection kept = null;
        synchronized (idle) {
            long now = System.nanoTime();
            while (kept == null && !idle.isEmpty()) {
                Connection candidate = idle.pollFirst();
                if (now - candidate.idleSince < idleTimeoutNanos) {
                    kept = candidate;
                } else {
                    expired.add(candidate);
                }
            }
        }
        expired.forEach(Connection::close);
        return kept != null ? kept : open();
    }

    private void giveBack(Connection connection) {
        synchronized (idle) {
            if (!closed && idleTimeoutNanos > 0 && idle.size() < maxKept) {
                connection.idleSince = System.nanoTime();
                idle.addFirst(connection);
                return;
            }
        }
        connection.close();
    }

    /** Closes the connections idle longer than the idle timeout, the least recently used being last. */
    private void closeIdle() {
        List<Connection> expired = new ArrayList<>();
        synchronized (idle) {
            long now = System.nanoTime();
            while (!idle.isEmpty() && now - idle.peekLast().idleSince >= idleTimeoutNanos) {
                expired.add(idle.pollLast());
            }
        }
        expired.forEach(Connection::close);
    }

    private Connection open() throws MessagingException {
        // as JavaMailSenderImpl connects: its protocol (smtp, or smtps), host, port and credentials, in its session
        String username = relay.getUsername();
        String password = relay.getPassword();
        if ("".equals(username)) {
            username = null;
            password = "".equals(password) ? null : password;
        }
        Session session = relay.getSession();
        String protocol = relay.getProtocol() != null ? relay.getProtocol()
                : session.getProperty("mail.transport.protocol") != null ? session.getProperty("mail.transport.protocol")
                : JavaMailSenderImpl.DEFAULT_PROTOCOL;
        Transport transport = session.getTransport(protocol);
        transport.connect(relay.getHost(), relay.getPort(), username, password);
        opened.increment();
        return new Connection(transport);
    }

    /**
     * Whether the connection was lost rather than the message refused: an I/O error, the stream
     * ended, or the relay said it is closing the connection.
     */
    private static boolean lost(Connection connection, MessagingException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        if (connection.transport instanceof SMTPTransport smtp) {
            int code = smtp.getLastReturnCode();
            return code == END_OF_STREAM || code == SERVICE_CLOSING;
        }
        return false;
    }

    /** Closes the idle connections and every connection given back from now on. */
    @Override
    public void close() {
        if (closingIdle != null) {
            closingIdle.stop();
        }
        List<Connection> all;
        synchronized (idle) {
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(Connection::close);
    }

    private static final class Connection {

        private final Transport transport;
        private int sent;
        private long idleSince;

        Connection(Transport transport) {
            this.transport = transport;
        }

        void send(OutgoingEmail email) throws MessagingException {
            transport.sendMessage(email, email.getAllRecipients());
            sent++;
        }

        boolean reused() {
            return sent > 0;
        }

        /** Says QUIT and closes; a connection already lost just closes. */
        void close() {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                log.debug("closing an SMTP connection: {}", e.toString());
            }
        }
    }
}

package org.leadrelay.notification.delivery.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadrelay.notification.delivery.EndpointProperties;
import org.leadrelay.notification.delivery.NotificationProperties;
import org.leadrelay.notification.delivery.channels.ScriptedRelay.Behaviour;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.unit.DataSize;

class SmtpConnectionsTest {

    private final AtomicInteger numbers = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ScriptedRelay relay;
    private SmtpConnections connections;

    @BeforeEach
    void startRelay() throws Exception {
        relay = new ScriptedRelay();
    }

    @AfterEach
    void stop() throws Exception {
        if (connections != null) {
            connections.close();
        }
        relay.close();
    }

    @Test
    void sendsEmailAfterEmailOverOneConnection() throws Exception {
        connections = connections(Duration.ofSeconds(10));

        for (int i = 0; i < 20; i++) {
            connections.send(email());
        }

        assertThat(relay.messages()).isEqualTo(20);
        assertThat(relay.connections()).isEqualTo(1);
        assertThat(connections.idleCount()).isEqualTo(1);
        assertThat(meters.counter("leadrelay.notifications.smtp.connections").count()).isEqualTo(1.0);
    }

    @Test
    void anEmailOnAConnectionTheRelayClosedGoesOnceOverANewOne() throws Exception {
        connections = connections(Duration.ofSeconds(10));
        connections.send(email());

        relay.dropConnections();
        connections.send(email());

        assertThat(relay.messages()).isEqualTo(2);
        assertThat(relay.connections()).isEqualTo(2);
    }

    @Test
    void anEmailTheRelayMayHaveTakenIsNeverSentAgainAtOnce() throws Exception {
        connections = connections(Duration.ofSeconds(10));
        connections.send(email());

        relay.behave(Behaviour.VANISH_BEFORE_ANSWERING);

        // the relay read the whole message, then went: it may have kept it, so the attempt fails and nothing is sent again now
        assertThatThrownBy(() -> connections.send(email())).isInstanceOf(MessagingException.class);
        assertThat(relay.messages()).isEqualTo(2);
        assertThat(relay.connections()).isEqualTo(1);
        assertThat(connections.idleCount()).isZero();
    }

    @Test
    void aRefusalIsTheAttemptsOutcomeNotARetry() throws Exception {
        connections = connections(Duration.ofSeconds(10));
        connections.send(email());

        relay.behave(Behaviour.REFUSE_RECIPIENTS);

        assertThatThrownBy(() -> connections.send(email())).isInstanceOf(SendFailedException.class);
        assertThat(relay.connections()).isEqualTo(1);
        assertThat(relay.messages()).isEqualTo(1);
    }

    @Test
    void noConnectionMeansAFailedSend() throws Exception {
        connections = connections(Duration.ofSeconds(10));
        relay.close();

        assertThatThrownBy(() -> connections.send(email())).isInstanceOf(MessagingException.class);
    }

    @Test
    void closesAConnectionIdleForTheIdleTimeout() throws Exception {
        connections = connections(Duration.ofMillis(200));
        connections.send(email());

        await().atMost(Duration.ofSeconds(5)).until(relay::quits, quits -> quits == 1);
        assertThat(connections.idleCount()).isZero();
        connections.send(email());
        assertThat(relay.connections()).isEqualTo(2);
    }

    @Test
    void closesTheKeptConnectionsWhenClosed() throws Exception {
        connections = connections(Duration.ofSeconds(10));
        connections.send(email());

        connections.close();

        await().atMost(Duration.ofSeconds(5)).until(relay::quits, quits -> quits == 1);
        assertThat(connections.idleCount()).isZero();
    }

    @Test
    void withoutAnIdleTimeoutEachEmailHasAConnectionOfItsOwn() throws Exception {
        connections = connections(Duration.ZERO);

        for (int i = 0; i < 3; i++) {
            connections.send(email());
        }

        assertThat(relay.connections()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(relay::quits, quits -> quits == 3);
    }

    private SmtpConnections connections(Duration idleTimeout) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "2000");
        timeouts.put("mail.smtp.timeout", "2000");
        timeouts.put("mail.smtp.writetimeout", "2000");
        sender.setJavaMailProperties(timeouts);
        NotificationProperties properties = new NotificationProperties("leads@leadrelay.test", Duration.ofSeconds(15),
                DataSize.ofKilobytes(4), 16, URI.create("http://127.0.0.1:8083"), List.of(), Duration.ofSeconds(20), idleTimeout);
        EndpointProperties endpoints = new EndpointProperties(50, 10, 20, Duration.ofSeconds(60), 1, 4);
        return new SmtpConnections(sender, properties, endpoints, meters);
    }

    private OutgoingEmail email() throws MessagingException {
        int number = numbers.incrementAndGet();
        OutgoingEmail email = new OutgoingEmail(connections.session(), "<test-" + number + "@leadrelay.test>");
        email.setFrom("leads@leadrelay.test");
        email.setRecipients(jakarta.mail.Message.RecipientType.TO, "partner@partner.example");
        email.setSubject("Lead " + number);
        email.setText("A lead for you.");
        email.saveChanges();
        return email;
    }
}

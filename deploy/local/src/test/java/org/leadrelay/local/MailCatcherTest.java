package org.leadrelay.local;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailCatcherTest {

    private MailCatcher catcher;
    private Session session;
    private int webPort;

    @BeforeEach
    void start() throws IOException {
        int smtpPort = freePort();
        webPort = freePort();
        catcher = MailCatcher.start(smtpPort, webPort);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        session = Session.getInstance(properties);
    }

    @AfterEach
    void stop() {
        catcher.close();
    }

    @Test
    void listsEachEmailOnceNewestFirstWithItsLinks() throws Exception {
        send("First", "Accept: http://127.0.0.1:8083/answers/abc?answer=accept", "anne@partner.example", "bob@partner.example");
        send("Second", "No link here", "carl@partner.example");

        assertThat(catcher.messages()).extracting(MailCatcher.Message::subject).containsExactly("Second", "First");
        MailCatcher.Message first = catcher.messages().get(1);
        assertThat(first.id()).isEqualTo(1);
        assertThat(first.to()).containsExactly("anne@partner.example", "bob@partner.example");
        assertThat(first.links()).containsExactly("http://127.0.0.1:8083/answers/abc?answer=accept");
        HttpResponse<String> json = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/api/messages")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.body()).contains("\"subject\":\"Second\"").contains("\"from\":\"leads@leadrelay.local\"");
    }

    @Test
    void keepsTheLastMessagesOnly() throws Exception {
        Transport transport = session.getTransport("smtp");
        transport.connect();
        try {
            for (int i = 1; i <= MailCatcher.KEPT + 20; i++) {
                MimeMessage message = message("Email " + i, "body", "partner@partner.example");
                transport.sendMessage(message, message.getAllRecipients());
            }
        } finally {
            transport.close();
        }

        assertThat(catcher.messages()).hasSize(MailCatcher.KEPT);
        assertThat(catcher.messages().get(0).id()).isEqualTo(MailCatcher.KEPT + 20);
        assertThat(catcher.messages().get(MailCatcher.KEPT - 1).subject()).isEqualTo("Email 21");
    }

    private void send(String subject, String body, String... to) throws Exception {
        Transport.send(message(subject, body, to));
    }

    private MimeMessage message(String subject, String body, String... to) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("leads@leadrelay.local");
        message.setRecipients(Message.RecipientType.TO, String.join(",", to));
        message.setSubject(subject);
        message.setText(body);
        return message;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

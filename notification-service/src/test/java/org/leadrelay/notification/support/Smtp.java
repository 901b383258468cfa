package org.leadrelay.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** The mail relay of the tests: one GreenMail server for the JVM, which a test can stop and start again on the same port. */
public final class Smtp {

    private static GreenMail server;
    private static int port;

    private Smtp() {
    }

    public static synchronized int port() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            server.start();
            port = server.getSmtp().getPort();
        }
        return port;
    }

    public static synchronized void stop() {
        server.stop();
    }

    /** Starts the relay again on its port, empty. */
    public static synchronized void restart() {
        server = new GreenMail(new ServerSetup(port, ServerSetupTest.SMTP.getBindAddress(), ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public static synchronized List<MimeMessage> all() {
        return List.of(server.getReceivedMessages());
    }

    /** The messages in the address's mailbox: one per message sent to it, whoever else it went to. */
    public static synchronized List<MimeMessage> to(String address) {
        GreenMailUser user = server.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            return server.getManagers().getImapHostManager().getInbox(user).getMessages().stream().map(StoredMessage::getMimeMessage)
                    .toList();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<MimeMessage> awaitTo(String address, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> to(address), found -> found.size() >= count);
    }

    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

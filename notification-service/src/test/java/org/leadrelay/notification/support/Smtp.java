package org.leadrelay.notification.support;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * The mail relay of the tests: one GreenMail server for the JVM, which a test can stop and start
 * again on the same port. It counts the SMTP connections it accepts and can drop the open ones, as a
 * relay drops connections left idle.
 */
public final class Smtp {

    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();
    private static GreenMail server;
    private static int port;

    private Smtp() {
    }

    public static synchronized int port() {
        if (server == null) {
            server = new CountingGreenMail(ServerSetupTest.SMTP.dynamicPort());
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
        server = new CountingGreenMail(new ServerSetup(port, ServerSetupTest.SMTP.getBindAddress(), ServerSetup.PROTOCOL_SMTP));
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
        while (true) {
            try {
                return server.getManagers().getImapHostManager().getInbox(user).getMessages().stream().map(StoredMessage::getMimeMessage)
                        .toList();
            } catch (FolderException e) {
                throw new IllegalStateException(e);
            } catch (ConcurrentModificationException delivering) {
                // GreenMail hands out the mailbox's own list, which a message arriving now changes: read it again
            }
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

    /** How many SMTP connections the relay has accepted since the JVM started. */
    public static int connectionsAccepted() {
        return ACCEPTED.get();
    }

    /** Closes every open connection from the relay's side, without a word, as a relay does with idle ones. */
    public static void dropConnections() {
        for (Socket socket : OPEN) {
            try {
                // the relay's reader sees the end of the stream and closes the connection itself
                socket.shutdownInput();
            } catch (IOException closedMeanwhile) {
                // the client said QUIT, or the relay closed it, since it was listed
            }
            OPEN.remove(socket);
        }
    }

    private static final class CountingGreenMail extends GreenMail {

        CountingGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(config, managers);
            AbstractServer smtp = services.get(ServerSetup.PROTOCOL_SMTP);
            services.put(ServerSetup.PROTOCOL_SMTP, new CountingSmtpServer(smtp.getServerSetup(), managers));
            return services;
        }
    }

    private static final class CountingSmtpServer extends SmtpServer {

        CountingSmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected void handleClientSocket(Socket socket) throws SocketException {
            ACCEPTED.incrementAndGet();
            OPEN.removeIf(Socket::isClosed);
            OPEN.add(socket);
            super.handleClientSocket(socket);
        }
    }
}

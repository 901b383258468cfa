package org.leadrelay.local;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An SMTP server that keeps the last {@value #KEPT} messages it receives, with a page (the newest
 * {@value #SHOWN}) and a JSON endpoint (all it keeps) listing them: subject, to, body, links. It
 * delivers nothing onwards. Each message is read once, as it arrives, into what the page shows, and
 * nothing else of it is kept: GreenMail's own mailboxes (a user and a stored copy per recipient,
 * kept for ever and parsed again on every listing) are bypassed, so a long demo or a load run
 * through the stack costs constant memory and constant time per page (docs/performance.md).
 */
final class MailCatcher implements AutoCloseable {

    static final int KEPT = 500;
    static final int SHOWN = 50;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final GreenMail smtp;
    private final Deque<Message> newestFirst = new ArrayDeque<>();
    private HttpServer web;
    private int received;
    private MovingMessage last;

    private MailCatcher(GreenMail smtp) {
        this.smtp = smtp;
    }

    static MailCatcher start(int smtpPort, int webPort) {
        MailCatcher catcher = new MailCatcher(new QuickGreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));
        Catching inbox = new Catching(catcher);
        catcher.smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> inbox);
        catcher.smtp.start();
        catcher.web = WebPages.server(webPort);
        catcher.web.createContext("/api/messages", exchange -> WebPages.json(exchange, 200, catcher.messages()));
        catcher.web.createContext("/", exchange -> WebPages.html(exchange, "Lead Relay mail catcher", catcher.page()));
        catcher.web.start();
        return catcher;
    }

    /** The messages kept, newest first. */
    List<Message> messages() {
        synchronized (newestFirst) {
            return List.copyOf(newestFirst);
        }
    }

    /** GreenMail hands a message over once per recipient: it is kept once. */
    private void receive(MovingMessage message) {
        int number;
        synchronized (newestFirst) {
            if (message == last) {
                return;
            }
            last = message;
            number = ++received;
        }
        Message read = Message.of(message.getMessage()).numbered(number);
        synchronized (newestFirst) {
            newestFirst.addFirst(read);
            while (newestFirst.size() > KEPT) {
                newestFirst.removeLast();
            }
        }
    }

    private String page() {
        int count;
        List<Message> shown;
        synchronized (newestFirst) {
            count = received;
            shown = newestFirst.stream().limit(SHOWN).toList();
        }
        if (shown.isEmpty()) {
            return "<p>No email yet. Post a lead (<code>./leadrelay demo</code>) and this page refreshes itself.</p>";
        }
        return "<p>" + count + " messages received, the newest " + shown.size() + " below (the last " + KEPT
                + " in JSON: <a href=\"/api/messages\">/api/messages</a>).</p><table>"
                + "<tr><th>#</th><th>to</th><th>subject</th><th>body</th></tr>"
                + shown.stream().map(message -> "<tr><td>" + message.id() + "</td><td>" + WebPages.escape(String.join(", ", message.to()))
                        + "</td><td>" + WebPages.escape(message.subject()) + "</td><td><pre>" + WebPages.escape(message.body())
                        + "</pre></td></tr>").collect(Collectors.joining())
                + "</table>";
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }

    /** One received email; {@code id} counts the emails received since the catcher started. */
    record Message(int id, String from, List<String> to, String subject, String body, List<String> links) {

        static Message of(MimeMessage message) {
            try {
                String body = GreenMailUtil.getBody(message);
                List<String> links = new ArrayList<>();
                Matcher matcher = LINK.matcher(body);
                while (matcher.find()) {
                    links.add(matcher.group());
                }
                Address[] recipients = message.getAllRecipients();
                return new Message(0, Arrays.toString(message.getFrom()).replaceAll("[\\[\\]]", ""),
                        recipients == null ? List.of() : Arrays.stream(recipients).map(Object::toString).toList(), message.getSubject(), body,
                        links);
            } catch (MessagingException e) {
                return new Message(0, "", List.of(), "(unreadable message: " + e.getMessage() + ")", "", List.of());
            }
        }

        Message numbered(int number) {
            return new Message(number, from, to, subject, body, links);
        }
    }

    /** Where GreenMail delivers every recipient's copy: into the catcher. */
    private record Catching(MailCatcher catcher) implements GreenMailUser {

        @Override
        public void deliver(MovingMessage message) {
            catcher.receive(message);
        }

        @Override
        public void deliver(MimeMessage message) {
            MovingMessage moving = new MovingMessage();
            moving.setMimeMessage(message);
            catcher.receive(moving);
        }

        @Override
        public String getEmail() {
            return "catcher@leadrelay.local";
        }

        @Override
        public String getLogin() {
            return getEmail();
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) {
        }

        @Override
        public String getQualifiedMailboxName() {
            return getEmail();
        }
    }

    /**
     * GreenMail with Nagle's algorithm off on its connections: it writes multi-line replies (EHLO)
     * a line at a time, and with Nagle each later line waited for the client's delayed ACK, about
     * 40 ms per connection.
     */
    private static final class QuickGreenMail extends GreenMail {

        QuickGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(config, managers);
            AbstractServer smtp = services.get(ServerSetup.PROTOCOL_SMTP);
            services.put(ServerSetup.PROTOCOL_SMTP, new SmtpServer(smtp.getServerSetup(), managers) {
                @Override
                protected void handleClientSocket(Socket socket) throws SocketException {
                    socket.setTcpNoDelay(true);
                    super.handleClientSocket(socket);
                }
            });
            return services;
        }
    }
}

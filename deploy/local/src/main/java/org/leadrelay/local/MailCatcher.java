package org.leadrelay.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An SMTP server that keeps what it receives, with a page and a JSON endpoint listing the
 * messages (subject, to, body, links). It delivers nothing onwards.
 */
final class MailCatcher implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final GreenMail smtp;
    private final HttpServer web;

    private MailCatcher(GreenMail smtp, HttpServer web) {
        this.smtp = smtp;
        this.web = web;
    }

    static MailCatcher start(int smtpPort, int webPort) {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        HttpServer web = WebPages.server(webPort);
        MailCatcher catcher = new MailCatcher(smtp, web);
        web.createContext("/api/messages", exchange -> WebPages.json(exchange, 200, catcher.messages()));
        web.createContext("/", exchange -> WebPages.html(exchange, "Lead Relay mail catcher", catcher.page()));
        web.start();
        return catcher;
    }

    List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        MimeMessage[] received = smtp.getReceivedMessages();
        for (int i = received.length - 1; i >= 0; i--) {
            messages.add(Message.of(i + 1, received[i]));
        }
        return messages;
    }

    private String page() {
        List<Message> messages = messages();
        if (messages.isEmpty()) {
            return "<p>No email yet. Post a lead (<code>./leadrelay demo</code>) and this page refreshes itself.</p>";
        }
        return "<p>" + messages.size() + " messages, newest first. JSON: <a href=\"/api/messages\">/api/messages</a></p><table>"
                + "<tr><th>#</th><th>to</th><th>subject</th><th>body</th></tr>"
                + messages.stream().map(message -> "<tr><td>" + message.id() + "</td><td>" + WebPages.escape(String.join(", ", message.to()))
                        + "</td><td>" + WebPages.escape(message.subject()) + "</td><td><pre>" + WebPages.escape(message.body())
                        + "</pre></td></tr>").collect(Collectors.joining())
                + "</table>";
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }

    /** One received email. */
    record Message(int id, String from, List<String> to, String subject, String body, List<String> links) {

        static Message of(int id, MimeMessage message) {
            try {
                String body = GreenMailUtil.getBody(message);
                List<String> links = new ArrayList<>();
                Matcher matcher = LINK.matcher(body);
                while (matcher.find()) {
                    links.add(matcher.group());
                }
                return new Message(id, Arrays.toString(message.getFrom()).replaceAll("[\\[\\]]", ""),
                        Arrays.stream(message.getAllRecipients()).map(Object::toString).toList(), message.getSubject(), body, links);
            } catch (MessagingException e) {
                throw new IllegalStateException("unreadable message " + id, e);
            }
        }
    }
}

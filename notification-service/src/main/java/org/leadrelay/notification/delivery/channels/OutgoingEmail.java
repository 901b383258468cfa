package org.leadrelay.notification.delivery.channels;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An email on its way to the mail relay. It keeps the {@code Message-ID} it was made with (a plain
 * MimeMessage makes a new one each time it is saved), so every attempt of a delivery carries the
 * same one; and it knows whether its content was written out to the relay, after which the relay
 * may have accepted it.
 */
final class OutgoingEmail extends MimeMessage {

    private final String messageId;
    private volatile boolean contentWritten;

    OutgoingEmail(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }

    /**
     * The SMTP transport writes the content after the relay answered DATA, then ends it with a line
     * holding a single dot, the only moment the relay may take the message: until this returns,
     * that line was not sent.
     */
    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        super.writeTo(out, ignoreList);
        contentWritten = true;
    }

    /** Whether the whole content went to a relay at least once, so the relay may have accepted it. */
    boolean contentWritten() {
        return contentWritten;
    }
}

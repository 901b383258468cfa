package org.leadrelay.notification.delivery.channels;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.leadrelay.events.Channel;
import org.leadrelay.notification.delivery.AttemptResult;
import org.leadrelay.notification.delivery.DeliveryChannel;
import org.leadrelay.notification.delivery.DeliveryJob;
import org.leadrelay.notification.delivery.DeliveryKind;
import org.leadrelay.notification.delivery.NotificationProperties;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Emails over SMTP: one message per job, to every recipient of the job at once, with a plain-text
 * and an HTML part. Its {@code Message-ID} is the job's, the same on every attempt, so a message
 * sent again after a crash is recognisably the same message. Messages go over connections kept
 * open to the relay ({@link SmtpConnections}). All of a service's emails share one circuit breaker
 * and bulkhead: the mail relay's.
 */
@Component
class EmailChannel implements DeliveryChannel {

    static final String RELAY = "smtp";
    static final String DELIVERY_ID_HEADER = "X-LeadRelay-Delivery";

    private final SmtpConnections connections;
    private final NotificationProperties properties;
    private final Clock clock;

    EmailChannel(SmtpConnections connections, NotificationProperties properties, Clock clock) {
        MailProviders.pin();
        this.connections = connections;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Attempt prepare(DeliveryJob job) {
        String target = job.kind() == DeliveryKind.OPERATOR_ALERT ? "operators" : "partner:" + job.partnerId();
        return new Call(RELAY, target, () -> send(job));
    }

    private AttemptResult send(DeliveryJob job) {
        OutgoingEmail message;
        try {
            message = compose(job);
        } catch (MessagingException e) {
            return AttemptResult.Failed.permanent("SMTP: message not built (" + e.getClass().getSimpleName() + ")");
        }
        try {
            connections.send(message);
            return new AttemptResult.Delivered("SMTP accepted");
        } catch (MessagingException e) {
            return AttemptResult.Failed.retryable("SMTP: " + describe(e));
        }
    }

    private OutgoingEmail compose(DeliveryJob job) throws MessagingException {
        DeliveryJob.Email email = job.email();
        OutgoingEmail message = new OutgoingEmail(connections.session(), job.messageId());
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8") {
            @Override
            protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
                return MailProviders.FILE_TYPES; // not a new one, read from the class path, per email
            }
        };
        helper.setFrom(properties.from());
        helper.setTo(email.to().toArray(String[]::new));
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        helper.setSentDate(Date.from(clock.instant()));
        message.setHeader(DELIVERY_ID_HEADER, job.id());
        if (email.language() != null) {
            message.setHeader("Content-Language", email.language());
        }
        message.saveChanges();
        return message;
    }

    /**
     * What went wrong, without anything of the message (an exception's text may hold addresses): the
     * exception's kind and, when the relay answered, its reply code.
     */
    private static String describe(MessagingException failure) {
        for (Exception cause = failure; cause instanceof MessagingException messaging; cause = messaging.getNextException()) {
            if (cause instanceof SMTPSendFailedException refused) {
                return failure.getClass().getSimpleName() + " " + refused.getReturnCode();
            }
            if (cause instanceof SMTPAddressFailedException refused) {
                return failure.getClass().getSimpleName() + " " + refused.getReturnCode();
            }
        }
        return failure.getClass().getSimpleName();
    }
}

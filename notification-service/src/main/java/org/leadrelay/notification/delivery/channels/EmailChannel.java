package org.leadrelay.notification.delivery.channels;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import org.leadrelay.events.Channel;
import org.leadrelay.notification.delivery.AttemptResult;
import org.leadrelay.notification.delivery.DeliveryChannel;
import org.leadrelay.notification.delivery.DeliveryJob;
import org.leadrelay.notification.delivery.DeliveryKind;
import org.leadrelay.notification.delivery.NotificationProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Emails over SMTP: one message per job, to every recipient of the job at once, with a plain-text
 * and an HTML part. Its {@code Message-ID} is the job's, the same on every attempt, so a message
 * sent again after a crash is recognisably the same message. All of a service's emails share one
 * circuit breaker and bulkhead: the mail relay's.
 */
@Component
class EmailChannel implements DeliveryChannel {

    static final String RELAY = "smtp";
    static final String DELIVERY_ID_HEADER = "X-LeadRelay-Delivery";

    private final JavaMailSender mail;
    private final NotificationProperties properties;
    private final Clock clock;

    EmailChannel(JavaMailSender mail, NotificationProperties properties, Clock clock) {
        this.mail = mail;
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
        DeliveryJob.Email email = job.email();
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(email.to().toArray(String[]::new));
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            helper.setSentDate(Date.from(clock.instant()));
            message.setHeader(DELIVERY_ID_HEADER, job.id());
            if (email.language() != null) {
                message.setHeader("Content-Language", email.language());
            }
            // JavaMailSenderImpl keeps a Message-ID set before sending
            message.setHeader("Message-ID", job.messageId());
            mail.send(message);
            return new AttemptResult.Delivered("SMTP accepted");
        } catch (MailParseException | MailPreparationException e) {
            return AttemptResult.Failed.permanent("SMTP: " + e.getClass().getSimpleName());
        } catch (MailException e) {
            return AttemptResult.Failed.retryable("SMTP: " + e.getClass().getSimpleName());
        } catch (MessagingException e) {
            return AttemptResult.Failed.permanent("SMTP: message not built (" + e.getClass().getSimpleName() + ")");
        }
    }
}

package org.leadrelay.directory.partners;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.leadrelay.events.WebhookSecrets;
import org.leadrelay.kit.outbox.EventIds;
import org.leadrelay.kit.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Registers a partner and publishes its state; hands back its webhook signing secret once. */
@Service
public class RegisteringPartner {

    /** Every partner starts at the first secret generation; rotation raises it. */
    public static final int FIRST_SECRET_GENERATION = 1;
    private static final Logger log = LoggerFactory.getLogger(RegisteringPartner.class);

    private final Partners partners;
    private final Outbox outbox;
    private final WebhookSecrets secrets;
    private final Clock clock;

    RegisteringPartner(Partners partners, Outbox outbox, WebhookSecrets secrets, Clock clock) {
        this.partners = partners;
        this.outbox = outbox;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Registered register(PartnerRegistration registration) {
        Partner partner = new Partner(UUID.randomUUID(), registration.name().trim(), registration.tier(),
                upper(registration.countries()), lower(registration.specialities()), lower(registration.languages()),
                registration.capacity(), registration.notificationEmail().trim(), registration.webhookUrl(), true, 1,
                clock.instant());
        partners.add(partner);
        outbox.publish(outbox.envelope(EventIds.derived("partner-upserted", partner.id(), partner.revision()), partner.toEvent()));
        log.info("partner {} registered, tier {}, covering {}", partner.id(), partner.tier(), partner.countries());
        return new Registered(partner, secrets.secret(partner.id(), FIRST_SECRET_GENERATION));
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(value -> value.trim().toUpperCase(Locale.ROOT)).distinct().toList();
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(value -> value.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** A registered partner and the signing secret of its webhooks, shown this once. */
    public record Registered(Partner partner, String webhookSecret) {
    }
}

package org.leadrelay.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadrelay.events.Contact;
import org.leadrelay.events.LeadBrief;
import org.leadrelay.events.Need;
import org.leadrelay.events.Score;
import org.leadrelay.events.ScoreComponent;

class PartnerEmailsTest {

    private static final Instant RESPOND_BY = Instant.parse("2026-11-23T13:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final PartnerEmails builtIn = new PartnerEmails(new EmailTemplates(new TemplateProperties(null, List.of("en", "fr"), Duration.ZERO)));

    @Test
    void anOfferSaysWhatWhereHowBigByWhenAndWhyInEnglish() {
        EmailText email = builtIn.offer(offer("Move our <b>Oracle</b> & DB2"), "Lyon Open Source", PARIS, "en");

        assertThat(email.subject()).isEqualTo("New lead: postgresql, migration in Lyon, FR");
        assertThat(email.text()).contains("Hello Lyon Open Source,")
                .contains("A new lead for you: a customer in Lyon, Auvergne-Rhône-Alpes, France needs help with postgresql, migration.")
                .contains("- Their environment: oracle").contains("- Company size: 120 employees").contains("- Language: French")
                .contains("Move our <b>Oracle</b> & DB2")
                .contains("Why you: score 72.5").contains("- speciality 60: covers 2 of 2").contains("- distance 12.5: 8 km away")
                .contains("Please answer by Monday 23 November 2026, 14:00 (Europe/Paris).")
                .contains("Accept: http://127.0.0.1:8083/answers/TOKEN?answer=accept")
                .contains("Decline: http://127.0.0.1:8083/answers/TOKEN?answer=decline");
        assertThat(email.html()).contains("<title>New lead: postgresql, migration in Lyon, FR</title>")
                .contains("Move our &lt;b&gt;Oracle&lt;/b&gt; &amp; DB2").doesNotContain("<b>Oracle</b>")
                .contains("href=\"http://127.0.0.1:8083/answers/TOKEN?answer=accept\"");
    }

    @Test
    void anOfferInFrenchReadsTheDeadlineInFrench() {
        EmailText email = builtIn.offer(offer(null), "Lyon Open Source", PARIS, "fr");

        assertThat(email.subject()).isEqualTo("Nouvelle demande : postgresql, migration à Lyon, FR");
        assertThat(email.text()).contains("Merci de répondre avant le lundi 23 novembre 2026 à 14:00 (Europe/Paris).")
                .contains("- Langue : français").contains("- spécialités 60 : covers 2 of 2").doesNotContain("Dans ses mots");
        assertThat(email.html()).contains("<html lang=\"fr\">");
    }

    @Test
    void aPartnerWithoutTimeZoneReadsUtc() {
        assertThat(builtIn.offer(offer(null), "P", ZoneOffset.UTC, "en").text()).contains("Please answer by Monday 23 November 2026, 13:00 (UTC).");
    }

    @Test
    void anAcceptanceCarriesTheCustomersContactAndSaysSoWhenItIsGone() {
        Acceptance acceptance = new Acceptance(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), RESPOND_BY,
                new Contact("Camille Martin", "camille@example.fr", null, null), brief(null));

        EmailText email = builtIn.acceptance(acceptance, "Lyon Open Source", PARIS, "en");

        assertThat(email.subject()).isEqualTo("Lead accepted: contact details for postgresql, migration in Lyon, FR");
        assertThat(email.text()).contains("- Name: Camille Martin").contains("- Email: camille@example.fr").doesNotContain("Phone")
                .doesNotContain("Company:");
        EmailText erased = builtIn.acceptance(new Acceptance(acceptance.leadId(), acceptance.assignmentId(), acceptance.partnerId(),
                RESPOND_BY, null, null), "Lyon Open Source", PARIS, "fr");
        assertThat(erased.subject()).isEqualTo("Demande acceptée : les coordonnées du client");
        assertThat(erased.text()).contains("ne sont plus disponibles");
    }

    @Test
    void aWithdrawalSaysWhyInGeneralTerms() {
        Withdrawal withdrawal = new Withdrawal(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Withdrawal.Reason.of("operator: partner is unreliable"), RESPOND_BY, brief(null));

        EmailText email = builtIn.withdrawal(withdrawal, "Lyon Open Source", PARIS, "en");

        assertThat(email.subject()).isEqualTo("Lead moved on: postgresql, migration in Lyon, FR");
        assertThat(email.text()).contains("It has been passed to another partner.").doesNotContain("unreliable");
    }

    @Test
    void operatorsTemplatesReplaceTheBuiltInOnesFileByFileAndOtherLanguagesFallBackToEnglish(@TempDir Path directory) throws Exception {
        Files.createDirectories(directory.resolve("offer"));
        Files.writeString(directory.resolve("offer/en.subject.txt"), "[ACME] [(${asked})] near [(${placeShort})]");
        PartnerEmails custom = new PartnerEmails(new EmailTemplates(new TemplateProperties(directory, List.of("en", "fr", "de"), Duration.ZERO)));

        EmailText english = custom.offer(offer(null), "P", PARIS, "en");
        EmailText german = custom.offer(offer(null), "P", PARIS, "de");

        assertThat(english.subject()).isEqualTo("[ACME] postgresql, migration near Lyon, FR");
        assertThat(english.text()).contains("Why you: score 72.5");
        assertThat(german.subject()).isEqualTo("[ACME] postgresql, migration near Lyon, FR");
    }

    private static LeadOffer offer(String description) {
        Score score = Score.of(List.of(new ScoreComponent("speciality", 60, "covers 2 of 2"), new ScoreComponent("distance", 12.5, "8 km away")));
        return new LeadOffer(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Lyon Open Source", 1, false, score, brief(description),
                RESPOND_BY.minusSeconds(3600), RESPOND_BY, null, null, null).withAnswer("TOKEN", URI.create("http://127.0.0.1:8083/"));
    }

    private static PartnerBrief brief(String description) {
        return PartnerBrief.of(new LeadBrief(new Need(List.of("postgresql"), List.of("migration"),
                new org.leadrelay.events.Environment(List.of(), List.of("oracle"), List.of())), "FR", "Auvergne-Rhône-Alpes",
                "Lyon", "fr", 120), description);
    }
}

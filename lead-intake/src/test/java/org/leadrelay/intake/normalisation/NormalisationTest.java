package org.leadrelay.intake.normalisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalisationTest {

    private final Vocabulary vocabulary = new Vocabulary();

    @Test
    void readsCountriesByCodeNameOrAlpha3InSeveralLanguages() {
        assertThat(Countries.code("fr")).hasValue("FR");
        assertThat(Countries.code("France")).hasValue("FR");
        assertThat(Countries.code("Schweiz")).hasValue("CH");
        assertThat(Countries.code("Suisse")).hasValue("CH");
        assertThat(Countries.code("België")).hasValue("BE");
        assertThat(Countries.code("DEU")).hasValue("DE");
        assertThat(Countries.code(" canada ")).hasValue("CA");
        assertThat(Countries.code("Atlantis")).isEmpty();
    }

    @Test
    void readsLanguagesByTagOrName() {
        assertThat(Languages.code("fr-BE")).hasValue("fr");
        assertThat(Languages.code("de_CH")).hasValue("de");
        assertThat(Languages.code("French")).hasValue("fr");
        assertThat(Languages.code("Deutsch")).hasValue("de");
        assertThat(Languages.code("Nederlands")).hasValue("nl");
        assertThat(Languages.code("klingonese")).isEmpty();
    }

    @Test
    void writesPhoneNumbersInE164WithTheLeadsCountryAsDefault() {
        assertThat(PhoneNumbers.e164("04 72 00 00 00", "FR")).hasValue("+33472000000");
        assertThat(PhoneNumbers.e164("+41 44 668 18 00", "FR")).hasValue("+41446681800");
        assertThat(PhoneNumbers.e164("(514) 987-6543", "CA")).hasValue("+15149876543");
        assertThat(PhoneNumbers.e164("12", "FR")).isEmpty();
        assertThat(PhoneNumbers.e164("+999 1234 5678", "FR")).isEmpty();
    }

    @Test
    void lowersTheEmailDomainOnly() {
        assertThat(Emails.normalise(" Jean.Dupont@Exemple.FR ")).isEqualTo("Jean.Dupont@exemple.fr");
        assertThat(Emails.normalise("anna@bücher.de")).isEqualTo("anna@xn--bcher-kva.de");
    }

    @Test
    void mapsWhatCustomersTypeToTheSharedVocabularyAndKeepsUnknownTerms() {
        assertThat(vocabulary.term("Postgres")).isEqualTo("postgresql");
        assertThat(vocabulary.term("PostgreSQL 16")).isEqualTo("postgresql");
        assertThat(vocabulary.term("k8s")).isEqualTo("kubernetes");
        assertThat(vocabulary.term("Red Hat")).isEqualTo("rhel");
        assertThat(vocabulary.term("Python3")).isEqualTo("python");
        assertThat(vocabulary.term("Formation")).isEqualTo("training");
        assertThat(vocabulary.term("COBOL")).isEqualTo("cobol");
        assertThat(vocabulary.term("Mainframe  Batch")).isEqualTo("mainframe batch");
    }
}

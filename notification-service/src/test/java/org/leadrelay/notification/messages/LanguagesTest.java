package org.leadrelay.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguagesTest {

    private static final Set<String> TEMPLATES = Set.of("en", "fr");

    @Test
    void writesInTheContactsLanguageThenThePartnersThenEnglish() {
        assertThat(Languages.choose("fr", List.of("en"), TEMPLATES)).isEqualTo("fr");
        assertThat(Languages.choose(null, List.of("de", "fr", "en"), TEMPLATES)).isEqualTo("fr");
        assertThat(Languages.choose("de", List.of("nl"), TEMPLATES)).isEqualTo("en");
        assertThat(Languages.choose(" FR ", List.of(), TEMPLATES)).isEqualTo("fr");
        assertThat(Languages.choose("", List.of(), TEMPLATES)).isEqualTo("en");
    }
}

package org.leadrelay.intake.normalisation;

import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ISO 639-1 code the contract carries, from a BCP 47 tag ({@code fr-BE}, {@code de_CH}) or a
 * language's name in English, French, German, Dutch or Italian.
 */
public final class Languages {

    private static final List<Locale> NAME_LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN,
            Locale.forLanguageTag("nl"), Locale.ITALIAN);
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOLanguages()) {
            Locale language = Locale.forLanguageTag(code);
            for (Locale in : NAME_LANGUAGES) {
                BY_NAME.putIfAbsent(Countries.key(language.getDisplayLanguage(in)), code);
            }
        }
    }

    private Languages() {
    }

    public static Optional<String> code(String input) {
        if (input == null || input.isBlank()) {
            return Optional.empty();
        }
        String byName = BY_NAME.get(Countries.key(input));
        if (byName != null) {
            return Optional.of(byName);
        }
        try {
            String language = new Locale.Builder().setLanguageTag(input.strip().replace('_', '-')).build().getLanguage();
            return language.length() == 2 ? Optional.of(language) : Optional.empty();
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }
}

package org.leadrelay.intake.normalisation;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ISO 3166-1 alpha-2 codes from what a form may send: the code itself, the alpha-3 code, or the
 * country's name in English, French, German, Dutch, Italian or Spanish (accents and case ignored).
 */
public final class Countries {

    private static final List<Locale> NAME_LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN,
            Locale.forLanguageTag("nl"), Locale.ITALIAN, Locale.forLanguageTag("es"));
    private static final Map<String, String> BY_NAME = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale.Builder().setRegion(code).build();
            BY_NAME.put(key(code), code);
            BY_NAME.put(key(country.getISO3Country()), code);
            for (Locale language : NAME_LANGUAGES) {
                BY_NAME.put(key(country.getDisplayCountry(language)), code);
            }
        }
        BY_NAME.put(key("UK"), "GB");
        BY_NAME.put(key("USA"), "US");
    }

    private Countries() {
    }

    public static Optional<String> code(String input) {
        return input == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(key(input)));
    }

    static String key(String text) {
        String plain = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}

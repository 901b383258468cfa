package org.leadrelay.intake.normalisation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * ISO 3166-2 codes of first-level subdivisions (regions, states, provinces, cantons) from what a
 * form may send: the full code ({@code DE-BY}), the code without its country ({@code BY}, when it
 * has a letter), or a name in English, French, German, Dutch, Italian, Spanish or Portuguese, or as
 * GeoNames writes it (accents, case and punctuation ignored). Data from CLDR, iso3166-2-db and
 * GeoNames; see {@code NOTICE.md} next to {@code regions.tsv.gz}.
 */
public final class Regions {

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_KEY = Pattern.compile("[^a-z0-9]");

    static final String DATA = "regions.tsv.gz";

    private Regions() {
    }

    /**
     * @param country ISO 3166-1 alpha-2 code
     * @param region  what the customer typed, or a GeoNames region name
     * @return the ISO 3166-2 code, empty when the region is not one we know in that country
     */
    public static Optional<String> code(String country, String region) {
        if (country == null || region == null || region.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> byKey = Table.BY_KEY;
        String typed = key(region);
        String found = byKey.get(country + "|" + typed);
        if (found == null) {
            found = byKey.get(country + "|#" + typed);
        }
        return Optional.ofNullable(found);
    }

    /** Number of lookup keys, for tests. */
    static int size() {
        return Table.BY_KEY.size();
    }

    static String key(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text.strip(), Normalizer.Form.NFD)).replaceAll("");
        return NOT_KEY.matcher(plain.toLowerCase(Locale.ROOT).replace("ß", "ss")).replaceAll("");
    }

    /** Loaded on first use, once. */
    private static final class Table {

        static final Map<String, String> BY_KEY = load();

        private static Map<String, String> load() {
            Map<String, String> byKey = new HashMap<>();
            try (InputStream raw = Regions.class.getResourceAsStream(DATA)) {
                if (raw == null) {
                    throw new IllegalStateException(DATA + " is missing from lead-intake");
                }
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        String[] columns = line.split("\t", -1);
                        String country = columns[0];
                        String code = columns[1];
                        String subdivision = code.substring(3).toLowerCase(Locale.ROOT);
                        // codes of their own ("#" keys) never shadow names; only codes with a letter,
                        // so that "75" typed as a region is not taken for anything
                        if (subdivision.chars().anyMatch(Character::isLetter)) {
                            byKey.put(country + "|#" + subdivision, code);
                        }
                        byKey.put(country + "|#" + key(code), code);
                        for (String name : columns[2].split("\\|")) {
                            if (!name.isBlank()) {
                                byKey.put(country + "|" + key(name), code);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.copyOf(byKey);
        }
    }
}

package org.leadrelay.intake.normalisation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The shared speciality vocabulary: what customers type ("Postgres", "PostgreSQL 16", "k8s") to
 * the names partners register ({@code postgresql}, {@code kubernetes}). Versions are dropped; an
 * unknown term is kept, in lower case, as the customer wrote it, never rejected. The terms live in
 * {@code vocabulary.properties}: {@code canonical = synonym, synonym, ...}.
 */
public final class Vocabulary {

    private final Map<String, String> canonical = new HashMap<>();

    public Vocabulary() {
        Properties terms = new Properties();
        try (InputStream in = Vocabulary.class.getResourceAsStream("vocabulary.properties")) {
            terms.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        terms.forEach((name, synonyms) -> {
            String term = name.toString();
            canonical.put(key(term), term);
            for (String synonym : synonyms.toString().split(",")) {
                if (!synonym.isBlank()) {
                    canonical.put(key(synonym), term);
                }
            }
        });
    }

    public String term(String input) {
        String lower = input.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String known = canonical.get(key(lower));
        if (known != null) {
            return known;
        }
        String withoutVersion = lower.replaceAll("[\\s-]*v?\\d+(\\.\\d+)*[a-z]?$", "");
        known = canonical.get(key(withoutVersion));
        return known != null ? known : lower;
    }

    private static String key(String term) {
        return term.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s._/-]", "");
    }
}

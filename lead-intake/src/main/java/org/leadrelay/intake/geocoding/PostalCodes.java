package org.leadrelay.intake.geocoding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.leadrelay.events.Coordinates;

/**
 * Postal codes and where they are: France (every code whose communes GeoNames places) and the
 * United States (GeoNames), see {@code NOTICE.md} next to the data. Other countries' codes are
 * not known: they are empty, never an error.
 */
final class PostalCodes {

    static final String DATA = "postal-codes.tsv.gz";
    /** "F-69001", "CH-1003", "D-80331": the old European country prefix before a numeric code. */
    private static final Pattern COUNTRY_PREFIX = Pattern.compile("^[A-Z]{1,3}-(?=[0-9])");

    private final Map<String, Place> byCode = new HashMap<>();

    PostalCodes() {
        try (InputStream raw = PostalCodes.class.getResourceAsStream(DATA)) {
            if (raw == null) {
                throw new IllegalStateException(DATA + " is missing from lead-intake");
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] columns = line.split("\t", -1);
                    if (columns.length >= 5) {
                        byCode.put(columns[0] + "|" + columns[1], new Place(
                                new Coordinates(Double.parseDouble(columns[2]), Double.parseDouble(columns[3])),
                                columns[4].isEmpty() ? null : columns[4]));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Place> locate(String country, String postalCode) {
        if (country == null || postalCode == null || postalCode.isBlank()) {
            return Optional.empty();
        }
        String typed = COUNTRY_PREFIX.matcher(postalCode.strip().toUpperCase(Locale.ROOT)).replaceFirst("");
        Place place = byCode.get(country + "|" + normalise(typed));
        if (place == null && "US".equals(country) && typed.length() > 5) {
            place = byCode.get(country + "|" + typed.substring(0, 5)); // ZIP+4
        }
        if (place == null && typed.contains(" ")) {
            place = byCode.get(country + "|" + typed.substring(0, typed.indexOf(' '))); // outward code or FSA, where only that is known
        }
        return Optional.ofNullable(place);
    }

    int size() {
        return byCode.size();
    }

    static String normalise(String postalCode) {
        return postalCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}

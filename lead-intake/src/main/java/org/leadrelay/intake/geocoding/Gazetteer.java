package org.leadrelay.intake.geocoding;

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
import java.util.zip.GZIPInputStream;
import org.leadrelay.events.Coordinates;

/**
 * The offline geocoder: cities of Europe and North America from GeoNames (CC BY 4.0, see
 * {@code NOTICE.md} next to the data), looked up by country and name or alternate name, accents,
 * case and punctuation ignored. Where several places share a name, the one in the given region
 * wins, then the most populous.
 */
public final class Gazetteer implements Geocoder {

    static final String DATA = "cities.tsv.gz";

    private final Map<String, Place> byName = new HashMap<>();

    public Gazetteer() {
        try (InputStream raw = Gazetteer.class.getResourceAsStream(DATA)) {
            if (raw == null) {
                throw new IllegalStateException(DATA + " is missing from lead-intake");
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String[] columns) {
        if (columns.length < 7) {
            return;
        }
        Place place = new Place(columns[0], columns[1], Double.parseDouble(columns[3]), Double.parseDouble(columns[4]),
                columns[5].isEmpty() ? 0 : Long.parseLong(columns[5]), key(columns[6]));
        index(place, columns[1]);
        for (String alternate : columns[2].split("\\|")) {
            if (!alternate.isBlank()) {
                index(place, alternate);
            }
        }
    }

    private void index(Place place, String name) {
        byName.merge(place.country() + "|" + key(name), place, (held, offered) -> offered.population() > held.population() ? offered : held);
        if (!place.region().isEmpty()) {
            byName.merge(place.country() + "|" + place.region() + "|" + key(name), place,
                    (held, offered) -> offered.population() > held.population() ? offered : held);
        }
    }

    int size() {
        return byName.size();
    }

    @Override
    public Optional<Coordinates> locate(String country, String region, String city) {
        if (country == null || city == null || city.isBlank()) {
            return Optional.empty();
        }
        Place place = region == null ? null : byName.get(country + "|" + key(region) + "|" + key(city));
        if (place == null) {
            place = byName.get(country + "|" + key(city));
        }
        return Optional.ofNullable(place).map(found -> new Coordinates(found.latitude(), found.longitude()));
    }

    static String key(String text) {
        String plain = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replace("ß", "ss").replaceAll("[^a-z0-9]", "");
    }

    private record Place(String country, String name, double latitude, double longitude, long population, String region) {
    }
}

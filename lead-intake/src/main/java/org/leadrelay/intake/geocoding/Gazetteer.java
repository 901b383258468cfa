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
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.leadrelay.events.Coordinates;
import org.leadrelay.intake.normalisation.Regions;

/**
 * The offline geocoder: cities of Europe and North America from GeoNames (CC BY 4.0, see
 * {@code NOTICE.md} next to the data), looked up by country and name or alternate name, accents,
 * case and punctuation ignored. Where several places share a name, the one in the given region
 * wins, then the most populous. Postal codes where {@link PostalCodes} knows them. Each place
 * carries the ISO 3166-2 code of its region when GeoNames' region maps to one.
 */
public final class Gazetteer implements Geocoder {

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_KEY = Pattern.compile("[^a-z0-9]");

    static final String DATA = "cities.tsv.gz";

    private final Map<String, City> byName = new HashMap<>();
    private final PostalCodes postalCodes = new PostalCodes();

    public Gazetteer() {
        Map<String, String> regionCodes = new HashMap<>();
        try (InputStream raw = Gazetteer.class.getResourceAsStream(DATA)) {
            if (raw == null) {
                throw new IllegalStateException(DATA + " is missing from lead-intake");
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    add(line.split("\t", -1), regionCodes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String[] columns, Map<String, String> regionCodes) {
        if (columns.length < 7) {
            return;
        }
        String country = columns[0];
        // a few thousand distinct regions for 87,000 cities: resolve each once ("" = no ISO code)
        String region = columns[6].isEmpty() ? ""
                : regionCodes.computeIfAbsent(country + "|" + columns[6], any -> Regions.code(country, columns[6]).orElse(""));
        City city = new City(country, Double.parseDouble(columns[3]), Double.parseDouble(columns[4]),
                columns[5].isEmpty() ? 0 : Long.parseLong(columns[5]), region.isEmpty() ? key(columns[6]) : region,
                region.isEmpty() ? null : region);
        index(city, columns[1]);
        for (String alternate : columns[2].split("\\|")) {
            if (!alternate.isBlank()) {
                index(city, alternate);
            }
        }
    }

    private void index(City city, String name) {
        byName.merge(city.country() + "|" + key(name), city, (held, offered) -> offered.population() > held.population() ? offered : held);
        if (!city.regionKey().isEmpty()) {
            byName.merge(city.country() + "|" + city.regionKey() + "|" + key(name), city,
                    (held, offered) -> offered.population() > held.population() ? offered : held);
        }
    }

    int size() {
        return byName.size();
    }

    int postalCodes() {
        return postalCodes.size();
    }

    @Override
    public Optional<Place> locate(String country, String region, String city) {
        if (country == null || city == null || city.isBlank()) {
            return Optional.empty();
        }
        City found = null;
        if (region != null && !region.isBlank()) {
            String regionKey = Regions.code(country, region).orElseGet(() -> key(region));
            found = byName.get(country + "|" + regionKey + "|" + key(city));
        }
        if (found == null) {
            found = byName.get(country + "|" + key(city));
        }
        return Optional.ofNullable(found).map(City::place);
    }

    @Override
    public Optional<Place> locatePostalCode(String country, String postalCode) {
        return postalCodes.locate(country, postalCode);
    }

    static String key(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text.strip(), Normalizer.Form.NFD)).replaceAll("");
        return NOT_KEY.matcher(plain.toLowerCase(Locale.ROOT).replace("ß", "ss")).replaceAll("");
    }

    /**
     * @param regionKey the region's ISO 3166-2 code when known, else its name's key: what a lead's
     *                  region is matched against
     */
    private record City(String country, double latitude, double longitude, long population, String regionKey, String regionCode) {

        Place place() {
            return new Place(new Coordinates(latitude, longitude), regionCode);
        }
    }
}

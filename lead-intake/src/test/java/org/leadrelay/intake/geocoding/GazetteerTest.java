package org.leadrelay.intake.geocoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.leadrelay.events.Coordinates;

class GazetteerTest {

    private static final Gazetteer GAZETTEER = new Gazetteer();

    @Test
    void findsCitiesByTheirNameAccentsAndCaseIgnored() {
        assertNear(GAZETTEER.locate("FR", null, "lyon").orElseThrow(), 45.76, 4.84);
        assertNear(GAZETTEER.locate("CH", null, "Genève").orElseThrow(), 46.20, 6.15);
        assertNear(GAZETTEER.locate("CH", null, "geneve").orElseThrow(), 46.20, 6.15);
        assertNear(GAZETTEER.locate("LU", null, "Esch-sur-Alzette").orElseThrow(), 49.50, 5.98);
        assertNear(GAZETTEER.locate("CA", null, "Montreal").orElseThrow(), 45.51, -73.59);
        assertNear(GAZETTEER.locate("DE", null, "München").orElseThrow(), 48.14, 11.58);
    }

    @Test
    void theCountryDecidesBetweenPlacesOfTheSameName() {
        assertThat(GAZETTEER.locate("FR", null, "Paris").orElseThrow().longitude()).isCloseTo(2.35, within(0.1));
        assertThat(GAZETTEER.locate("US", null, "Paris").orElseThrow().longitude()).isLessThan(-50);
    }

    @Test
    void anUnknownPlaceIsEmptyNotAnError() {
        assertThat(GAZETTEER.locate("FR", null, "Nowhereville-sur-Rien")).isEmpty();
        assertThat(GAZETTEER.locate("FR", null, " ")).isEmpty();
        assertThat(GAZETTEER.locate("ZZ", null, "Lyon")).isEmpty();
    }

    @Test
    void coversEuropeAndNorthAmerica() {
        assertThat(GAZETTEER.size()).isGreaterThan(20_000);
    }

    private static void assertNear(Coordinates coordinates, double latitude, double longitude) {
        assertThat(coordinates.latitude()).isCloseTo(latitude, within(0.1));
        assertThat(coordinates.longitude()).isCloseTo(longitude, within(0.1));
    }
}

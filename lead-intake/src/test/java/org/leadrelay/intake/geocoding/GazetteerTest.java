package org.leadrelay.intake.geocoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.leadrelay.events.Coordinates;

class GazetteerTest {

    private static final Gazetteer GAZETTEER = new Gazetteer();

    @Test
    void findsCitiesByTheirNameAccentsAndCaseIgnored() {
        assertNear(GAZETTEER.locate("FR", null, "lyon").orElseThrow().coordinates(), 45.76, 4.84);
        assertNear(GAZETTEER.locate("CH", null, "Genève").orElseThrow().coordinates(), 46.20, 6.15);
        assertNear(GAZETTEER.locate("CH", null, "geneve").orElseThrow().coordinates(), 46.20, 6.15);
        assertNear(GAZETTEER.locate("LU", null, "Esch-sur-Alzette").orElseThrow().coordinates(), 49.50, 5.98);
        assertNear(GAZETTEER.locate("CA", null, "Montreal").orElseThrow().coordinates(), 45.51, -73.59);
        assertNear(GAZETTEER.locate("DE", null, "München").orElseThrow().coordinates(), 48.14, 11.58);
    }

    @Test
    void theCountryDecidesBetweenPlacesOfTheSameName() {
        assertThat(GAZETTEER.locate("FR", null, "Paris").orElseThrow().coordinates().longitude()).isCloseTo(2.35, within(0.1));
        assertThat(GAZETTEER.locate("US", null, "Paris").orElseThrow().coordinates().longitude()).isLessThan(-50);
    }

    @Test
    void anUnknownPlaceIsEmptyNotAnError() {
        assertThat(GAZETTEER.locate("FR", null, "Nowhereville-sur-Rien")).isEmpty();
        assertThat(GAZETTEER.locate("FR", null, " ")).isEmpty();
        assertThat(GAZETTEER.locate("ZZ", null, "Lyon")).isEmpty();
    }

    @Test
    void givesTheIsoCodeOfTheCitysRegionAndUsesTheLeadsRegionToChoose() {
        assertThat(GAZETTEER.locate("FR", null, "Lyon").orElseThrow().region()).isEqualTo("FR-ARA");
        assertThat(GAZETTEER.locate("CH", null, "Lausanne").orElseThrow().region()).isEqualTo("CH-VD");
        assertThat(GAZETTEER.locate("DE", null, "München").orElseThrow().region()).isEqualTo("DE-BY");
        assertThat(GAZETTEER.locate("BE", null, "Namur").orElseThrow().region()).isEqualTo("BE-WAL");
        assertThat(GAZETTEER.locate("CA", null, "Montréal").orElseThrow().region()).isEqualTo("CA-QC");
        // Frankfurt (Oder) in Brandenburg, not Frankfurt am Main, whichever way the region is written
        assertThat(GAZETTEER.locate("DE", "Brandenburg", "Frankfurt").orElseThrow().coordinates().longitude()).isGreaterThan(14);
        assertThat(GAZETTEER.locate("DE", "DE-BB", "Frankfurt").orElseThrow().coordinates().longitude()).isGreaterThan(14);
        assertThat(GAZETTEER.locate("DE", null, "Frankfurt").orElseThrow().coordinates().longitude()).isLessThan(9);
        assertThat(GAZETTEER.locate("US", "TX", "Paris").orElseThrow().region()).isEqualTo("US-TX");
    }

    @Test
    void findsPlacesByPostalCodeWhereItKnowsThem() {
        Place lyon = GAZETTEER.locatePostalCode("FR", "69001").orElseThrow();
        assertNear(lyon.coordinates(), 45.76, 4.84);
        assertThat(lyon.region()).isEqualTo("FR-ARA");
        assertNear(GAZETTEER.locatePostalCode("FR", "75008").orElseThrow().coordinates(), 48.86, 2.35);
        assertNear(GAZETTEER.locatePostalCode("FR", "F-13001").orElseThrow().coordinates(), 43.30, 5.38);
        assertNear(GAZETTEER.locatePostalCode("US", "90210").orElseThrow().coordinates(), 34.09, -118.41);
        assertThat(GAZETTEER.locatePostalCode("US", "10001-2345").orElseThrow().region()).isEqualTo("US-NY");
        assertThat(GAZETTEER.locatePostalCode("FR", "00000")).isEmpty();
        // no postal data shipped for these yet (see NOTICE.md): empty, never an error
        assertThat(GAZETTEER.locatePostalCode("CH", "1003")).isEmpty();
        assertThat(GAZETTEER.locatePostalCode("CA", "H2X 1Y4")).isEmpty();
        assertThat(GAZETTEER.postalCodes()).isGreaterThan(45_000);
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

package org.leadrelay.intake.normalisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionsTest {

    @Test
    void mapsRegionNamesInSeveralLanguagesToIso31662() {
        assertThat(Regions.code("FR", "Île-de-France")).hasValue("FR-IDF");
        assertThat(Regions.code("FR", "ile de france")).hasValue("FR-IDF");
        assertThat(Regions.code("FR", "Auvergne-Rhône-Alpes")).hasValue("FR-ARA");
        assertThat(Regions.code("FR", "Corse")).hasValue("FR-20R");
        assertThat(Regions.code("DE", "Bavaria")).hasValue("DE-BY");
        assertThat(Regions.code("DE", "Bayern")).hasValue("DE-BY");
        assertThat(Regions.code("DE", "Bavière")).hasValue("DE-BY");
        assertThat(Regions.code("CA", "Quebec")).hasValue("CA-QC");
        assertThat(Regions.code("CA", "Québec")).hasValue("CA-QC");
        assertThat(Regions.code("CH", "Vaud")).hasValue("CH-VD");
        assertThat(Regions.code("CH", "Waadt")).hasValue("CH-VD");
        assertThat(Regions.code("CH", "Genf")).hasValue("CH-GE");
        assertThat(Regions.code("BE", "Wallonia")).hasValue("BE-WAL");
        assertThat(Regions.code("BE", "Wallonie")).hasValue("BE-WAL");
        assertThat(Regions.code("BE", "Vlaanderen")).hasValue("BE-VLG");
        assertThat(Regions.code("BE", "Région de Bruxelles-Capitale")).hasValue("BE-BRU");
        assertThat(Regions.code("NL", "Noord-Holland")).hasValue("NL-NH");
        assertThat(Regions.code("US", "California")).hasValue("US-CA");
        assertThat(Regions.code("NO", "Trøndelag")).hasValue("NO-50");
    }

    @Test
    void takesCodesWithOrWithoutTheirCountry() {
        assertThat(Regions.code("DE", "DE-BY")).hasValue("DE-BY");
        assertThat(Regions.code("DE", "de-by")).hasValue("DE-BY");
        assertThat(Regions.code("DE", "BY")).hasValue("DE-BY");
        assertThat(Regions.code("CA", "QC")).hasValue("CA-QC");
        assertThat(Regions.code("FR", "IDF")).hasValue("FR-IDF");
        assertThat(Regions.code("US", "TX")).hasValue("US-TX");
        assertThat(Regions.code("IT", "IT-25")).hasValue("IT-25");
    }

    @Test
    void theCountryDecides() {
        assertThat(Regions.code("US", "CA")).hasValue("US-CA");
        assertThat(Regions.code("CH", "Jura")).hasValue("CH-JU");
        assertThat(Regions.code("FR", "Jura")).isEmpty(); // a département, not a region: kept as typed
        assertThat(Regions.code("FR", "Bavaria")).isEmpty();
    }

    @Test
    void anUnknownRegionIsEmptyNotAnError() {
        assertThat(Regions.code("FR", "Rhône")).isEmpty();
        assertThat(Regions.code("FR", "75")).isEmpty();
        assertThat(Regions.code("FR", " ")).isEmpty();
        assertThat(Regions.code("FR", null)).isEmpty();
        assertThat(Regions.code(null, "Vaud")).isEmpty();
        assertThat(Regions.code("ZZ", "Vaud")).isEmpty();
        assertThat(Regions.size()).isGreaterThan(10_000);
    }
}

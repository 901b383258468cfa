package org.leadrelay.intake.leads.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormStampsTest {

    private static final String OLD_KEY = "the-form-key-in-use-until-today-0123456789";
    private static final String NEW_KEY = "the-form-key-in-use-from-today-0123456789";

    @Test
    void aStampCarriesItsTimeOnlyUnderItsOwnKey() {
        FormStamps stamps = new FormStamps(NEW_KEY);
        String stamp = stamps.stamp(1_796_000_000_000L);

        assertThat(stamps.renderedAt(stamp)).hasValue(1_796_000_000_000L);
        assertThat(stamps.renderedAt("1795999990000" + stamp.substring(stamp.indexOf('.')))).as("an earlier time, the same signature").isEmpty();
        assertThat(stamps.renderedAt("1796000000000")).as("no signature").isEmpty();
        assertThat(new FormStamps(OLD_KEY).renderedAt(stamp)).as("another key").isEmpty();
    }

    @Test
    void duringARotationFormsStampedWithThePreviousKeyAreStillTaken() {
        String openBefore = new FormStamps(OLD_KEY).stamp(1_796_000_000_000L);
        FormStamps rotating = new FormStamps(NEW_KEY, List.of(OLD_KEY));

        assertThat(rotating.renderedAt(openBefore)).hasValue(1_796_000_000_000L);
        assertThat(new FormStamps(OLD_KEY).renderedAt(rotating.stamp(1_796_000_001_000L))).as("new forms use the new key").isEmpty();
    }
}

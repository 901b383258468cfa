package org.leadrelay.events;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Checks run by the compact constructors of the event records; each names the field it refuses. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static <T> List<T> list(Collection<T> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }

    static <T> List<T> nonEmpty(Collection<T> values, String field) {
        List<T> list = list(values);
        if (list.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return list;
    }

    static int positive(int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1");
        }
        return value;
    }

    static String countryCode(String value, String field) {
        text(value, field);
        if (!value.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException(field + " must be an ISO 3166-1 alpha-2 code in upper case");
        }
        return value;
    }
}

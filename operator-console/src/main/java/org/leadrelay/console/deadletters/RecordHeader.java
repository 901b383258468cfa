package org.leadrelay.console.deadletters;

import java.util.Arrays;

/** One Kafka header of the original record, as it was written: a name and raw bytes. */
public record RecordHeader(String name, byte[] value) {

    public RecordHeader {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a header has a name");
        }
        value = value == null ? null : value.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordHeader header && header.name.equals(name) && Arrays.equals(header.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name + "(" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}

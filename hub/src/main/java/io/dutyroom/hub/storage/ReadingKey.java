package io.dutyroom.hub.storage;

import io.dutyroom.adapters.model.Reading;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What identifies a stored reading: its device, its point and the device's timestamp, as the
 * telemetry table's unique key has them. PostgreSQL keeps microseconds, so the timestamp is cut to
 * microseconds before it is written and before it is compared.
 */
record ReadingKey(String device, String point, Instant ts) {

    static ReadingKey of(Reading r) {
        return new ReadingKey(r.device().value(), r.point(), stored(r.ts()));
    }

    /** The timestamp as the table stores it. */
    static Instant stored(Instant ts) {
        return ts.truncatedTo(ChronoUnit.MICROS);
    }
}

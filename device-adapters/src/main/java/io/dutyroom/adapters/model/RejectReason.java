package io.dutyroom.adapters.model;

import java.util.Locale;

/** Why input was refused. Each reason is counted separately in the metrics ({@link #tag()}). */
public enum RejectReason {
    BAD_TOPIC,
    PAYLOAD_TOO_LARGE,
    MALFORMED_JSON,
    MISSING_VALUES,
    WRONG_TYPE,
    BAD_POINT_NAME,
    BAD_TIMESTAMP,
    TIMESTAMP_IN_FUTURE,
    TIMESTAMP_TOO_OLD,
    BAD_STATUS,
    BAD_EVENT,
    BAD_DRILL,
    /** A {@code patrol.scan} event without a known checkpoint and a guard (the hub checks it, not the adapter). */
    BAD_PATROL_SCAN,
    UNKNOWN_POINT,
    /** A reading of an unregistered device beyond the hub's bounds on such devices and their point names. */
    UNREGISTERED_LIMIT,
    SITE_MISMATCH,
    OVERLOADED,
    STORAGE_REFUSED;

    /** The metric tag value: lower case with underscores, e.g. {@code malformed_json}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

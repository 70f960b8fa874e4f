package io.dutyroom.hub.workorders;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of equipment or fabric a work order is about. It follows the engineering department's
 * split of duties (water, drainage, fire, power, lifts, access control) plus the building fabric
 * found on patrols, so that reports can count orders per trade.
 */
public enum WorkOrderCategory {
    WATER, DRAINAGE, FIRE, POWER, ELEVATOR, ACCESS, CIVIL, OTHER;

    /** The lower-case name used in YAML and the API, e.g. {@code elevator}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category written as {@code code}; empty for anything else (the match is exact, lower-case). */
    public static Optional<WorkOrderCategory> ofCode(String code) {
        for (WorkOrderCategory c : values()) {
            if (c.code().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

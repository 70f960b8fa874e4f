package io.dutyroom.hub.workorders;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a work order stands. The order of the constants is the order of the steps: created →
 * dispatched → accepted → on site → resolved → verified (return visit done) → closed; cancelled ends
 * an order at any open step.
 */
public enum WorkOrderState {
    CREATED("created"),
    DISPATCHED("dispatched"),
    ACCEPTED("accepted"),
    ON_SITE("on-site"),
    RESOLVED("resolved"),
    VERIFIED("verified"),
    CLOSED("closed"),
    CANCELLED("cancelled");

    private final String code;

    WorkOrderState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Closed and cancelled orders are finished; every other state is open. */
    public boolean open() {
        return this != CLOSED && this != CANCELLED;
    }

    public static Optional<WorkOrderState> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}

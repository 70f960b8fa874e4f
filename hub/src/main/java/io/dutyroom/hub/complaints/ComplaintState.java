package io.dutyroom.hub.complaints;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a complaint stands. The order of the constants is the order of the steps: recorded →
 * assigned (nature judged, department decided) → handling → resolved → return-visited → closed.
 * There is no cancelled state: every complaint, whatever its kind, gets its return visit.
 */
public enum ComplaintState {
    RECORDED("recorded"),
    ASSIGNED("assigned"),
    HANDLING("handling"),
    RESOLVED("resolved"),
    RETURN_VISITED("return-visited"),
    CLOSED("closed");

    private final String code;

    ComplaintState(String code) {
        this.code = code;
    }

    /** The name used in the API and the database, e.g. {@code return-visited}. */
    public String code() {
        return code;
    }

    /** Only a closed complaint is finished; until then its owner answers for it. */
    public boolean open() {
        return this != CLOSED;
    }

    /** The state written as {@code code}; empty for anything else. */
    public static Optional<ComplaintState> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}

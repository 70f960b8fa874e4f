package io.dutyroom.hub.drills;

import java.util.Arrays;
import java.util.Optional;

/** Where a drill stands: running until its four steps are done (scored) or its time is up (abandoned). */
public enum DrillState {
    RUNNING("running"), SCORED("scored"), ABANDONED("abandoned");

    private final String code;

    DrillState(String code) {
        this.code = code;
    }

    /** As stored and as the API writes it. */
    public String code() {
        return code;
    }

    public static Optional<DrillState> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}

package io.dutyroom.hub.workorders;

import java.util.Optional;

/**
 * The steps of a work order that the maintenance time-limit table (维护时限表) puts a limit on.
 * Respond and arrive count from the order's creation (or its reopening): the contractor's 30 minutes
 * to reach a trapped passenger run from the call. Resolve counts from the acceptance, the return
 * visit (回访) from the resolution. See {@link SlaClocks}.
 */
public enum SlaStep {
    /** The engineer signs for the order. */
    RESPOND("respond"),
    /** The engineer is on site (到场). */
    ARRIVE("arrive"),
    /** The fault is fixed (完工). */
    RESOLVE("resolve"),
    /** The desk has called the resident back (回访). */
    RETURN_VISIT("returnVisit");

    private final String code;

    SlaStep(String code) {
        this.code = code;
    }

    /** The key used in YAML and the API, e.g. {@code returnVisit}. */
    public String code() {
        return code;
    }

    /** The step written as {@code code}; empty for anything else. */
    public static Optional<SlaStep> ofCode(String code) {
        for (SlaStep s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

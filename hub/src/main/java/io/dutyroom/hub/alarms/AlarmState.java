package io.dutyroom.hub.alarms;

import java.util.Locale;
import java.util.Optional;

/** The states of an alarm after ISA-18.2, as the API and the timeline name them. */
public enum AlarmState {
    NORMAL,
    /** Active, and nobody has acknowledged it yet: the one the duty room must see. */
    UNACKNOWLEDGED,
    ACKNOWLEDGED,
    /** The condition has cleared, but nobody has acknowledged the alarm yet. */
    RETURNED_UNACKNOWLEDGED,
    /** Hidden by a person for a while, with a reason. */
    SHELVED,
    /** Hidden by design because its cause is shown by another alarm (comm-loss, power off). */
    SUPPRESSED,
    /** The equipment is under maintenance. */
    OUT_OF_SERVICE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<AlarmState> parse(String code) {
        for (AlarmState s : values()) {
            if (s.code().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

package io.dutyroom.adapters.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** What a point's value means. All are stored as double precision; booleans as 1 and 0. */
public enum ValueType {
    /** A state bit: running, fault, door open. */
    BOOL,
    /** A whole number or a coded state: floor, fault code, door state. */
    INT,
    /** A measurement: pressure, current, temperature. */
    FLOAT;

    @JsonCreator
    public static ValueType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown value type '" + text + "' (use bool, int or float)");
        }
    }
}

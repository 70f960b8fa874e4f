package io.dutyroom.adapters.modbus;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** How a value sits in the registers: one bit, or a 16- or 32-bit number. */
public enum Encoding {
    BIT(1), INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2);

    private final int words;

    Encoding(int words) {
        this.words = words;
    }

    /** Registers the value takes (a bit of a register table takes its whole register). */
    public int words() {
        return words;
    }

    @JsonCreator
    public static Encoding parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown encoding '" + text + "' (use bit, int16, uint16, int32, uint32 or float32)");
        }
    }
}

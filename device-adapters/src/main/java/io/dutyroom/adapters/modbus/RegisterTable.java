package io.dutyroom.adapters.modbus;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** The four Modbus data tables, with the function code that reads each and how much one request may read. */
public enum RegisterTable {
    COIL(1, true, 2_000),
    DISCRETE_INPUT(2, true, 2_000),
    HOLDING(3, false, 125),
    INPUT(4, false, 125);

    private final int readFunction;
    private final boolean bits;
    private final int maxPerRequest;

    RegisterTable(int readFunction, boolean bits, int maxPerRequest) {
        this.readFunction = readFunction;
        this.bits = bits;
        this.maxPerRequest = maxPerRequest;
    }

    /** Function code 1, 2, 3 or 4. */
    public int readFunction() {
        return readFunction;
    }

    /** True for the single-bit tables (coils, discrete inputs). */
    public boolean bits() {
        return bits;
    }

    /** The protocol's limit for one read: 2,000 bits or 125 registers. */
    public int maxPerRequest() {
        return maxPerRequest;
    }

    /** {@code coil}, {@code discrete}, {@code holding} or {@code input}. */
    @JsonCreator
    public static RegisterTable parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "coil", "coils" -> COIL;
            case "discrete", "discrete-input", "discrete_input" -> DISCRETE_INPUT;
            case "holding" -> HOLDING;
            case "input" -> INPUT;
            default -> throw new IllegalArgumentException("unknown register table '" + text + "' (use coil, discrete, holding or input)");
        };
    }
}

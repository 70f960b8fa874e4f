package io.dutyroom.adapters.modbus;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The byte order of a 32-bit value across two registers, named by where bytes A (most significant)
 * to D land: {@code ABCD} is plain big-endian, {@code CDAB} swaps the words (common in meters),
 * {@code BADC} swaps the bytes in each word, {@code DCBA} does both. Modbus does not fix it, so it
 * is declared per profile and can be overridden per device.
 */
public enum WordOrder {
    ABCD, CDAB, BADC, DCBA;

    /** Assembles the 32 raw bits from two registers as they arrived on the wire. */
    public int combine(int first, int second) {
        int hi;
        int lo;
        switch (this) {
            case ABCD -> {
                hi = first;
                lo = second;
            }
            case CDAB -> {
                hi = second;
                lo = first;
            }
            case BADC -> {
                hi = swapBytes(first);
                lo = swapBytes(second);
            }
            default -> {
                hi = swapBytes(second);
                lo = swapBytes(first);
            }
        }
        return ((hi & 0xFFFF) << 16) | (lo & 0xFFFF);
    }

    /** The two registers that carry {@code bits} in this order; the inverse of {@link #combine}. */
    public int[] split(int bits) {
        int hi = (bits >>> 16) & 0xFFFF;
        int lo = bits & 0xFFFF;
        return switch (this) {
            case ABCD -> new int[] {hi, lo};
            case CDAB -> new int[] {lo, hi};
            case BADC -> new int[] {swapBytes(hi), swapBytes(lo)};
            case DCBA -> new int[] {swapBytes(lo), swapBytes(hi)};
        };
    }

    private static int swapBytes(int word) {
        return ((word & 0xFF) << 8) | ((word >>> 8) & 0xFF);
    }

    @JsonCreator
    public static WordOrder parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown word order '" + text + "' (use ABCD, CDAB, BADC or DCBA)");
        }
    }
}

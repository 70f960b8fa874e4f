package io.dutyroom.adapters.modbus;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a point lives on a Modbus device. The value is {@code raw * scale + offset}.
 *
 * @param table     coil, discrete, holding or input
 * @param address   zero-based address in that table (the PDU address, not "40001")
 * @param encoding  bit, int16, uint16, int32, uint32 or float32
 * @param bit       for a {@code bit} in a holding or input register: which bit, 0 (least significant) to 15
 * @param wordOrder for 32-bit encodings: this point's order, when it differs from the profile's
 * @param scale     multiplier, 1 by default (e.g. 0.1 for a register in tenths of a volt)
 * @param offset    added after scaling, 0 by default
 */
public record ModbusRegister(
        @JsonProperty(required = true) RegisterTable table,
        @JsonProperty(required = true) int address,
        Encoding encoding,
        Integer bit,
        WordOrder wordOrder,
        Double scale,
        Double offset) {

    public ModbusRegister {
        encoding = encoding != null ? encoding : table != null && table.bits() ? Encoding.BIT : Encoding.UINT16;
        scale = scale != null ? scale : 1.0;
        offset = offset != null ? offset : 0.0;
    }

    /** Registers (or bits) the point occupies. */
    public int width() {
        return table.bits() ? 1 : encoding.words();
    }

    /** One past the last address the point occupies. */
    public int end() {
        return address + width();
    }
}

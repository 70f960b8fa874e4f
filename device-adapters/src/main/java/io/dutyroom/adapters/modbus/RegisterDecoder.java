package io.dutyroom.adapters.modbus;

/**
 * Turns raw register words (or bits) into a point's engineering value. Pure and allocation-free:
 * it runs for every polled point on every cycle.
 */
public final class RegisterDecoder {
    private RegisterDecoder() {
    }

    /**
     * @param register where and how the value is encoded
     * @param order    the word order in force for this device and point
     * @param words    the registers of one read, each 0..65535
     * @param index    where the point's first register sits in {@code words}
     */
    public static double decode(ModbusRegister register, WordOrder order, int[] words, int index) {
        double raw = switch (register.encoding()) {
            case BIT -> (words[index] >>> register.bit()) & 1;
            case INT16 -> (short) words[index];
            case UINT16 -> words[index] & 0xFFFF;
            case INT32 -> order.combine(words[index], words[index + 1]);
            case UINT32 -> Integer.toUnsignedLong(order.combine(words[index], words[index + 1]));
            case FLOAT32 -> shortest(Float.intBitsToFloat(order.combine(words[index], words[index + 1])));
        };
        return scale(register, raw);
    }

    /**
     * The double that reads like the float: a meter's 230.1f widened directly is 230.10000610351562,
     * which no duty-room screen should show. Costs a string round trip, about 100 ns per value.
     */
    private static double shortest(float value) {
        return Float.isFinite(value) ? Double.parseDouble(Float.toString(value)) : value;
    }

    /** A coil or discrete input: 1 or 0, scaled like any other value. */
    public static double decodeBit(ModbusRegister register, boolean bit) {
        return scale(register, bit ? 1 : 0);
    }

    private static double scale(ModbusRegister register, double raw) {
        double scale = register.scale();
        if (scale == 1.0 && register.offset() == 0.0) {
            return raw;
        }
        // Decimal scales (0.1, 0.01, 0.001) divide by their whole inverse: 355 / 100 is 3.55 exactly
        // as a double, where 355 * 0.01 is 3.5500000000000003, which a duty-room screen would show.
        double inverse = 1.0 / scale;
        double scaled = scale < 1.0 && inverse == Math.rint(inverse) ? raw / inverse : raw * scale;
        return scaled + register.offset();
    }
}

package io.dutyroom.adapters.modbus;

/**
 * The inverse of {@link RegisterDecoder}, for commands: an engineering value to the register words
 * that carry it. Refuses what cannot be written faithfully (a value out of the encoding's range, a
 * read-only table, one bit of a shared register) with a message that says why.
 */
public final class RegisterEncoder {
    private RegisterEncoder() {
    }

    /** The words for a holding-register point. */
    public static int[] encode(ModbusRegister register, WordOrder order, double value) {
        if (register.table() != RegisterTable.HOLDING) {
            throw new IllegalArgumentException(register.table().name().toLowerCase() + " points cannot be written as registers");
        }
        if (register.encoding() == Encoding.BIT) {
            throw new IllegalArgumentException("writing one bit of a shared register is not supported (it needs a read-modify-write)");
        }
        double raw = unscale(register, value);
        return switch (register.encoding()) {
            case INT16 -> new int[] {(int) whole(raw, Short.MIN_VALUE, Short.MAX_VALUE, "int16") & 0xFFFF};
            case UINT16 -> new int[] {(int) whole(raw, 0, 0xFFFF, "uint16")};
            case INT32 -> order.split((int) whole(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, "int32"));
            case UINT32 -> order.split((int) whole(raw, 0, 0xFFFF_FFFFL, "uint32"));
            case FLOAT32 -> {
                float f = (float) raw;
                if (!Float.isFinite(f)) {
                    throw new IllegalArgumentException("value is out of range for float32 after scaling (raw " + raw + ")");
                }
                yield order.split(Float.floatToIntBits(f));
            }
            case BIT -> throw new IllegalStateException("unreachable");
        };
    }

    /** A coil's state: any non-zero value (after scaling) is on. */
    public static boolean encodeBit(ModbusRegister register, double value) {
        if (register.table() != RegisterTable.COIL) {
            throw new IllegalArgumentException(register.table().name().toLowerCase() + " points cannot be written as coils");
        }
        return unscale(register, value) != 0.0;
    }

    private static double unscale(ModbusRegister register, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a finite number");
        }
        return (value - register.offset()) / register.scale();
    }

    private static long whole(double raw, long min, long max, String encoding) {
        long rounded = Math.round(raw);
        if (rounded < min || rounded > max) {
            throw new IllegalArgumentException("value is out of range for " + encoding + " after scaling (raw " + raw + ")");
        }
        return rounded;
    }
}

package io.dutyroom.adapters.model;

/** The name of one point of a device (a measured value or a state bit), e.g. {@code outlet_pressure}. */
public final class PointName {
    private PointName() {
    }

    public static boolean isValid(String value) {
        return Identifier.isValid(value);
    }

    public static String require(String value) {
        return Identifier.require("point name", value);
    }
}

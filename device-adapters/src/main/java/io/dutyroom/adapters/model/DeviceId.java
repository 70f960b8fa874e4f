package io.dutyroom.adapters.model;

/** A device's identifier, unique across the estate. */
public record DeviceId(String value) implements Comparable<DeviceId> {

    public DeviceId {
        Identifier.require("device id", value);
    }

    public static DeviceId of(String value) {
        return new DeviceId(value);
    }

    public static boolean isValid(String value) {
        return Identifier.isValid(value);
    }

    @Override
    public int compareTo(DeviceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.dutyroom.adapters.model;

/** An estate site (one managed property: a residential estate or an office campus). */
public record SiteId(String value) implements Comparable<SiteId> {

    public SiteId {
        Identifier.require("site id", value);
    }

    public static SiteId of(String value) {
        return new SiteId(value);
    }

    public static boolean isValid(String value) {
        return Identifier.isValid(value);
    }

    @Override
    public int compareTo(SiteId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

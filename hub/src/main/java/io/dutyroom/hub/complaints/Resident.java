package io.dutyroom.hub.complaints;

/**
 * The resident a complaint is from. Name and phone are personal data (see {@link PersonalData});
 * the unit is not, and is kept in full everywhere.
 */
public record Resident(String name, String phone, String unit) {

    /** The same resident with name and phone masked, for the timeline, exports and reports. */
    public Resident masked() {
        return new Resident(PersonalData.maskName(name), PersonalData.maskPhone(phone), unit);
    }

    /**
     * Only the unit: a record's own {@code toString} would print the name and phone, and a resident
     * passed to a logger or an exception message would put them in the logs.
     */
    @Override
    public String toString() {
        return "Resident[unit=" + unit + "]";
    }
}

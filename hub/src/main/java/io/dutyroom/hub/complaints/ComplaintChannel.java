package io.dutyroom.hub.complaints;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a complaint or repair request reached the management office. Every channel is registered in
 * the same complaint register, so none of them can be lost on a desk.
 */
public enum ComplaintChannel {
    PHONE("phone"),
    /** The resident came to the desk in person. */
    VISIT("visit"),
    /** A letter, or a fax, which the procedures count with letters. */
    LETTER("letter"),
    EMAIL_WEB("email-web");

    private final String code;

    ComplaintChannel(String code) {
        this.code = code;
    }

    /** The name used in the API and the database, e.g. {@code email-web}. */
    public String code() {
        return code;
    }

    /** The channel written as {@code code}; empty for anything else. */
    public static Optional<ComplaintChannel> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}

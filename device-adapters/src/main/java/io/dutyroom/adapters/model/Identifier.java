package io.dutyroom.adapters.model;

import java.util.regex.Pattern;

/**
 * The one rule every identifier in the topic contract and the database follows. Kept narrow on
 * purpose: identifiers travel in MQTT topic levels, COPY text rows and URLs, so they never need
 * escaping anywhere.
 */
final class Identifier {
    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Identifier() {
    }

    static String require(String kind, String value) {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " '" + value + "' is not valid: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}

package io.dutyroom.hub.complaints;

import java.util.regex.Pattern;

/**
 * Masks residents' personal data: their names and phone numbers. The roles that call a resident back
 * see them in full; everywhere else (the timeline, the live feed, exports, reports) they are masked,
 * and they are never written to logs.
 *
 * <p>There is deliberately no mask for the unit (e.g. {@code 3-2-1201}). A unit on its own does not
 * say who lives there, the desk and the departments need it to go to the site, and recurrence is
 * counted by it: the same matter from the same unit twice is what the director must see.
 */
public final class PersonalData {
    private static final char MASK = '*';
    /** A mainland mobile number: 11 digits starting with 1 (a landline such as 010 plus 8 digits is 11 digits too). */
    private static final Pattern MOBILE = Pattern.compile("1\\d{10}");
    /** Spaces and hyphens people write inside phone numbers. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-]");

    private PersonalData() {
    }

    /**
     * Keeps the first character and masks the rest, one {@code *} each: 张伟 → 张*, "Wang Wei" →
     * "W*******". A one-character name is masked whole, since keeping it would keep all of it.
     * {@code null} stays {@code null}.
     */
    public static String maskName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        int length = n.codePointCount(0, n.length());
        if (length <= 1) {
            return String.valueOf(MASK).repeat(length);
        }
        // by code point, so a name with a character outside the BMP is not cut in half
        return new String(Character.toChars(n.codePointAt(0))) + String.valueOf(MASK).repeat(length - 1);
    }

    /**
     * An 11-digit mobile keeps its first 3 and last 4 digits (13800001234 → 138****1234), enough for
     * the resident to recognise it on the phone; anything else keeps only its last 2 characters.
     * Spaces and hyphens are dropped first. {@code null} stays {@code null}.
     */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String p = SEPARATORS.matcher(phone).replaceAll("");
        if (MOBILE.matcher(p).matches()) {
            return p.substring(0, 3) + "****" + p.substring(7);
        }
        int length = p.codePointCount(0, p.length());
        if (length <= 2) {
            // keeping the last two of a two-character number would keep all of it
            return String.valueOf(MASK).repeat(length);
        }
        int keepFrom = p.offsetByCodePoints(0, length - 2);
        return String.valueOf(MASK).repeat(length - 2) + p.substring(keepFrom);
    }
}

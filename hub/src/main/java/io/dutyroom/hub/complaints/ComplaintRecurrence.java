package io.dutyroom.hub.complaints;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What makes two complaints "the same matter": the procedures have the director flag a matter
 * complained about twice or more, and list it in the quarterly analysis. The store counts complaints
 * by {@link MatterKey}; this class only says what the key is.
 */
public final class ComplaintRecurrence {
    /** The second complaint about the same matter is a recurrence ("twice or more"). */
    public static final int RECURRING_FROM = 2;

    /** Runs of whitespace, the ideographic space (U+3000) and the no-break space included. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\p{javaWhitespace}\\u00A0]+");

    /**
     * One matter from one unit of one site. {@code matter} is normalised, so the same matter typed
     * slightly differently by two people gives equal keys.
     */
    public record MatterKey(String site, String unit, String matter) {
        public MatterKey {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(unit, "unit");
            matter = normalise(Objects.requireNonNull(matter, "matter"));
        }
    }

    private ComplaintRecurrence() {
    }

    /** Lower-case, trimmed, each run of whitespace one space: " Water  Leak" → "water leak". */
    public static String normalise(String matter) {
        return WHITESPACE.matcher(matter).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }
}

package io.dutyroom.hub.complaints;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each step of a complaint may take. Every step has a limit, so a complaint can always tell
 * whether it is late.
 *
 * @param assign      from recording until its nature is judged and a department assigned
 * @param resolve     from the assignment until the department has resolved it
 * @param returnVisit from the resolution until the return visit; the procedures give complaints three
 *                    days (domain.md, "Work orders": return visits)
 */
public record ComplaintLimits(Duration assign, Duration resolve, Duration returnVisit) {
    /** Two hours to judge and assign; three days to resolve; three days to call the resident back. */
    public static final ComplaintLimits DEFAULTS = new ComplaintLimits(Duration.ofHours(2), Duration.ofDays(3), Duration.ofDays(3));

    public ComplaintLimits {
        positive(assign, "assign");
        positive(resolve, "resolve");
        positive(returnVisit, "returnVisit");
    }

    /** The limit of one step. */
    public Duration limit(ComplaintClock.Step step) {
        return switch (step) {
            case ASSIGN -> assign;
            case RESOLVE -> resolve;
            case RETURN_VISIT -> returnVisit;
        };
    }

    private static void positive(Duration limit, String name) {
        Objects.requireNonNull(limit, name);
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, not " + limit);
        }
    }
}

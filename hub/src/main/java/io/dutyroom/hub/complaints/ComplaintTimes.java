package io.dutyroom.hub.complaints;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a complaint passed each timed step, as the store keeps them.
 *
 * <p>The times are those of the current round. When the complaint goes to another department, or a
 * resident who is not satisfied at the return visit sends it back, {@code assigned} becomes that
 * moment, {@code resolved} and {@code returnVisited} are cleared, and the store forgets the raised
 * resolve and return-visit steps: the department gets its full time again, and a late step in the
 * new round is raised again.
 *
 * @param recorded      when it was entered in the register
 * @param assigned      when the current department was given it
 * @param resolved      when the department resolved it
 * @param returnVisited when the resident was called back
 */
public record ComplaintTimes(Instant recorded, Optional<Instant> assigned, Optional<Instant> resolved, Optional<Instant> returnVisited) {
    public ComplaintTimes {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(assigned, "assigned");
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(returnVisited, "returnVisited");
    }

    /** A complaint just recorded. */
    public static ComplaintTimes recordedAt(Instant recorded) {
        return new ComplaintTimes(recorded, Optional.empty(), Optional.empty(), Optional.empty());
    }
}

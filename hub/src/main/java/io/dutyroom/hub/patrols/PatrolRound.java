package io.dutyroom.hub.patrols;

import java.time.Instant;
import java.util.Objects;

/**
 * One walk of a route in one window, e.g. Tower 1's patrol of Friday 09:30–12:00. Scans from
 * {@link #earliest()} until {@link #judgedAt()} count for it; at {@link #judgedAt()} it is judged.
 *
 * @param route  the route walked
 * @param opens  when the window opens (inclusive)
 * @param closes when the window closes (exclusive)
 */
public record PatrolRound(PatrolRoute route, Instant opens, Instant closes) {

    public PatrolRound {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("a round must close after it opens");
        }
    }

    /** The first moment a scan counts for this round (as early). */
    public Instant earliest() {
        return opens.minus(route.early());
    }

    /** When the late grace has run out: no scan counts from here on, and the round can be judged. */
    public Instant judgedAt() {
        return closes.plus(route.lateGrace());
    }

    /**
     * When {@code checkpoint} is due in this round: its {@link Checkpoint#dueAfter()} from the
     * opening, or the closing when it has none. Never after the closing, which a day when the clocks
     * go forward can shorten.
     */
    public Instant dueAt(Checkpoint checkpoint) {
        return checkpoint.dueAfter().map(opens::plus).filter(t -> t.isBefore(closes)).orElse(closes);
    }

    /**
     * A stable key such as {@code t1-building@2025-03-07T01:30:00Z}, so that a judged round is stored
     * once however often the closing check runs.
     */
    public String id() {
        return route.id() + "@" + opens;
    }
}

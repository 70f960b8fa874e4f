package io.dutyroom.hub.patrols;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a route is to be walked, as a daily pattern, e.g. 09:30–12:00. An {@code end} before
 * {@code start} means the window ends the next day (22:00–02:00). A weekday names the day the window
 * starts on, so Friday's 22:00–02:00 round runs into Saturday; no days means every day.
 */
public record PatrolWindow(LocalTime start, LocalTime end, Set<DayOfWeek> days) {

    public PatrolWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("a patrol window needs an end different from its start");
        }
        days = days == null || days.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    /** Whether the window ends on the day after it starts. */
    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    /** Whether a round of this window starts on {@code day}. */
    public boolean startsOn(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }

    /** How long the window is open, on a day without a clock change. */
    public Duration length() {
        Duration d = Duration.between(start, end);
        return crossesMidnight() ? d.plusDays(1) : d;
    }

    @Override
    public String toString() {
        return start + "–" + end;
    }
}

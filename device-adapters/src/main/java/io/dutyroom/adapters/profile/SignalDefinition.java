package io.dutyroom.adapters.profile;

import java.time.Duration;

/**
 * A value a rule can use that no device sends: it is derived from a point's recent history.
 *
 * @param name   the name rules use, e.g. {@code pump1_starts_1h}; never a point's name
 * @param kind   how it is derived
 * @param point  the point it is derived from
 * @param window how far back {@link Kind#RISES} and {@link Kind#CHANGE} look; zero for {@link Kind#AGE}
 * @param origin {@code file:line} of the declaration, for error messages
 */
public record SignalDefinition(String name, Kind kind, String point, Duration window, String origin) {

    public enum Kind {
        /** How many times a bool point went from false to true within the window (starts per hour). An int. */
        RISES,
        /** The point's value now minus its value one window ago (rate of change). A double. */
        CHANGE,
        /** Seconds since the point's last good reading (stale data). A double. */
        AGE
    }
}

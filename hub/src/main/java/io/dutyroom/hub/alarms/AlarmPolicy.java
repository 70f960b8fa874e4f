package io.dutyroom.hub.alarms;

import java.time.Duration;

/**
 * The alarm-management limits, after EEMUA 191 and ISA-18.2: chattering is three activations within a
 * minute, stale is active over a day, a flood is more than ten new alarms in ten minutes for one duty
 * position and ends when fewer than five remain in the window.
 */
public record AlarmPolicy(int chatterActivations, Duration chatterWindow, Duration staleAfter, int floodAbove, int floodEndsBelow,
                          Duration floodWindow) {

    public static AlarmPolicy standard() {
        return new AlarmPolicy(3, Duration.ofMinutes(1), Duration.ofHours(24), 10, 5, Duration.ofMinutes(10));
    }
}

package io.dutyroom.hub.alarms;

/**
 * Hears of each alarm the duty room is shown (raised, raised again, or back in view while active),
 * after the alarm and its event are stored. The work-order service opens orders this way.
 */
@FunctionalInterface
public interface AlarmListener {
    AlarmListener NONE = alarm -> { };

    void announced(AlarmRecord alarm);
}

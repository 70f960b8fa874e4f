package io.dutyroom.hub.alarms;

/**
 * Hears of each alarm the duty room is shown (raised, raised again, or back in view while active),
 * after the alarm and its event are stored. The work-order service opens orders this way.
 */
@FunctionalInterface
public interface AlarmListener {
    AlarmListener NONE = (alarm, fresh) -> { };

    /**
     * @param fresh the condition came on just now (raised or raised again); false for an alarm
     *              that was active all along and came back in view (unshelved, unsuppressed,
     *              returned to service)
     */
    void announced(AlarmRecord alarm, boolean fresh);
}

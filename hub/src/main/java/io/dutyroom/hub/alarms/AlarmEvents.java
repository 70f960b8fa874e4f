package io.dutyroom.hub.alarms;

import java.util.List;

/** The timeline event kinds of alarms: one per transition, plus the reports about alarms. */
public final class AlarmEvents {
    public static final String RAISED = "alarm.raised";
    public static final String REPEATED = "alarm.repeated";
    /** The condition cleared but the alarm waits for acknowledgement (or, latched, for reset). */
    public static final String RETURNED = "alarm.returned";
    /** Back to normal: acknowledged and its condition cleared. */
    public static final String CLEARED = "alarm.cleared";
    public static final String ACKNOWLEDGED = "alarm.acknowledged";
    public static final String RESET = "alarm.reset";
    public static final String SHELVED = "alarm.shelved";
    public static final String UNSHELVED = "alarm.unshelved";
    public static final String SHELF_EXPIRED = "alarm.shelf-expired";
    public static final String SUPPRESSED = "alarm.suppressed";
    public static final String UNSUPPRESSED = "alarm.unsuppressed";
    public static final String OUT_OF_SERVICE = "alarm.out-of-service";
    public static final String RETURNED_TO_SERVICE = "alarm.returned-to-service";
    public static final String COMMENTED = "alarm.commented";
    public static final String CHATTERING = "alarm.chattering";
    public static final String STALE = "alarm.stale";
    public static final String FLOOD_STARTED = "alarm.flood-started";
    public static final String FLOOD_ENDED = "alarm.flood-ended";

    public static final List<String> ALL = List.of(RAISED, REPEATED, RETURNED, CLEARED, ACKNOWLEDGED, RESET, SHELVED, UNSHELVED,
            SHELF_EXPIRED, SUPPRESSED, UNSUPPRESSED, OUT_OF_SERVICE, RETURNED_TO_SERVICE, COMMENTED, CHATTERING, STALE,
            FLOOD_STARTED, FLOOD_ENDED);

    private AlarmEvents() {
    }
}

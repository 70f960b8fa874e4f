package io.dutyroom.hub.alarms;

import io.dutyroom.hub.timeline.TimelineEvent;
import java.util.Optional;

/**
 * What the alarm book asks to be made durable: the alarm as it now stands, and the timeline event
 * that says what happened, written together. A flood report has an event but no single alarm.
 *
 * @param activation the alarm was announced: raised, raised again, or back in view while active
 */
public record AlarmChange(Optional<AlarmRecord> alarm, Optional<TimelineEvent> event, boolean activation) {

    public AlarmChange(Optional<AlarmRecord> alarm, Optional<TimelineEvent> event) {
        this(alarm, event, false);
    }
}

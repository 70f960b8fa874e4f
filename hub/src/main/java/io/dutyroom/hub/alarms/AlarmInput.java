package io.dutyroom.hub.alarms;

import java.time.Instant;

/** Everything that can happen to an alarm: its condition, a person's action, or a design mask. */
public sealed interface AlarmInput {
    /** The rule's condition became active (the alarm raises or repeats). */
    record ConditionActive() implements AlarmInput {
    }

    /** The rule's condition cleared. */
    record ConditionCleared() implements AlarmInput {
    }

    record Acknowledge(String user) implements AlarmInput {
    }

    /** Ends a latched alarm whose condition has cleared and which has been acknowledged. */
    record Reset(String user) implements AlarmInput {
    }

    record Shelve(String user, String reason, Instant until) implements AlarmInput {
    }

    record Unshelve(String user) implements AlarmInput {
    }

    /** The shelving time ran out. */
    record ShelfExpired() implements AlarmInput {
    }

    record Suppress(String cause) implements AlarmInput {
    }

    record Unsuppress() implements AlarmInput {
    }

    record RemoveFromService(String user, String reason) implements AlarmInput {
    }

    record ReturnToService(String user) implements AlarmInput {
    }
}

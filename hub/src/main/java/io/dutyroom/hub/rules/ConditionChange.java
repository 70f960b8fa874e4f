package io.dutyroom.hub.rules;

import io.dutyroom.hub.estate.RegisteredDevice;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the rule engine tells the alarm service: a rule's condition on a device became active or
 * cleared, or its design suppression began or ended.
 *
 * @param values the device's point and signal values when it happened, for the alarm message
 * @param drill  the drill the device's data belonged to, if any: its alarm is a drill alarm
 */
public record ConditionChange(RegisteredDevice device, CompiledRule rule, Kind kind, Instant at, Map<String, Object> values,
                              Optional<String> drill) {

    public enum Kind { ACTIVE, CLEARED, SUPPRESSED, UNSUPPRESSED }
}

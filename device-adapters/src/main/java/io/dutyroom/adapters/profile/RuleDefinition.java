package io.dutyroom.adapters.profile;

import java.time.Duration;
import java.util.Optional;

/**
 * A fault condition of a kind of equipment, declared in its profile. The expressions are CEL over the
 * device's points and signals; the hub compiles and type-checks them at start-up.
 *
 * @param id             unique within the profile, e.g. {@code entrapment}; one alarm per device and rule
 * @param name           what the duty room calls the fault, zh-CN and en
 * @param priority       how urgent its alarm is
 * @param when           the condition that raises the alarm
 * @param clearWhen      the condition that clears it, when that is not simply {@code !when}: a
 *                       different threshold gives hysteresis (a deadband)
 * @param suppressedWhen while true the alarm is suppressed by design (its cause is shown elsewhere)
 * @param onDelay        how long {@code when} must hold before the alarm is raised
 * @param offDelay       how long the clear condition must hold before the alarm clears
 * @param latch          the alarm stays active after its condition clears, until a person resets it
 * @param message        the alarm text, zh-CN and en; {@code {point}} inserts a value, {@code {device}} the device's name
 * @param workOrder      the work-order policy the alarm opens an order under; empty for alarm only
 * @param origin         {@code file:line} of the declaration, for error messages
 */
public record RuleDefinition(String id, LocalizedText name, RulePriority priority, String when, Optional<String> clearWhen,
                             Optional<String> suppressedWhen, Duration onDelay, Duration offDelay, boolean latch,
                             LocalizedText message, Optional<String> workOrder, String origin) {
}

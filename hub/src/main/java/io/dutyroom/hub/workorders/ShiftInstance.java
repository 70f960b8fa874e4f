package io.dutyroom.hub.workorders;

import io.dutyroom.adapters.profile.LocalizedText;
import java.time.Instant;

/**
 * One occurrence of a shift, e.g. the night shift that starts on Friday at 20:00 and ends on
 * Saturday at 08:00. Orders are dispatched to, and handovers (交接班) recorded for, occurrences
 * rather than for the shift's daily pattern.
 *
 * @param shiftId the shift's id in the roster, e.g. {@code night}
 * @param name    the shift's name, zh-CN and en
 * @param start   when it starts (inclusive): the handover from the shift before
 * @param end     when it ends (exclusive)
 */
public record ShiftInstance(String shiftId, LocalizedText name, Instant start, Instant end) {
}

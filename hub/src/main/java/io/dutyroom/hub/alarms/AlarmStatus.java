package io.dutyroom.hub.alarms;

import java.time.Instant;
import java.util.Optional;

/**
 * Where an alarm stands: the ISA-18.2 annunciation state of an unmasked alarm ({@code base}), the
 * process condition, and the masks a person or the design put over it. The visible {@link #state()}
 * is the strongest mask, else the base: out of service, then shelved, then suppressed.
 *
 * @param base         {@code NORMAL}, {@code UNACKNOWLEDGED}, {@code ACKNOWLEDGED} or {@code RETURNED_UNACKNOWLEDGED}
 * @param condition    whether the rule's condition is active now
 * @param latched      the rule latches: the alarm stays after its condition clears, until reset
 * @param shelf        who shelved it, why and until when
 * @param suppression  why it is suppressed by design, if it is
 * @param outOfService why it is out of service, if it is
 */
public record AlarmStatus(AlarmState base, boolean condition, boolean latched, Optional<Shelf> shelf,
                          Optional<String> suppression, Optional<String> outOfService) {

    public record Shelf(String user, String reason, Instant until) {
    }

    /** A fresh, normal alarm of a rule. */
    public static AlarmStatus normal(boolean latched) {
        return new AlarmStatus(AlarmState.NORMAL, false, latched, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AlarmState state() {
        if (outOfService.isPresent()) {
            return AlarmState.OUT_OF_SERVICE;
        }
        if (shelf.isPresent()) {
            return AlarmState.SHELVED;
        }
        if (suppression.isPresent()) {
            return AlarmState.SUPPRESSED;
        }
        return base;
    }

    public boolean masked() {
        return outOfService.isPresent() || shelf.isPresent() || suppression.isPresent();
    }

    /** Nothing is left of the alarm: it is normal and unmasked, so its episode is over. */
    public boolean closed() {
        return state() == AlarmState.NORMAL;
    }

    AlarmStatus withBase(AlarmState b) {
        return new AlarmStatus(b, condition, latched, shelf, suppression, outOfService);
    }

    AlarmStatus withCondition(boolean c) {
        return new AlarmStatus(base, c, latched, shelf, suppression, outOfService);
    }

    AlarmStatus withShelf(Optional<Shelf> s) {
        return new AlarmStatus(base, condition, latched, s, suppression, outOfService);
    }

    AlarmStatus withSuppression(Optional<String> s) {
        return new AlarmStatus(base, condition, latched, shelf, s, outOfService);
    }

    AlarmStatus withOutOfService(Optional<String> o) {
        return new AlarmStatus(base, condition, latched, shelf, suppression, o);
    }
}

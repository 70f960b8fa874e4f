package io.dutyroom.hub.alarms;

import static io.dutyroom.hub.alarms.AlarmState.ACKNOWLEDGED;
import static io.dutyroom.hub.alarms.AlarmState.NORMAL;
import static io.dutyroom.hub.alarms.AlarmState.RETURNED_UNACKNOWLEDGED;
import static io.dutyroom.hub.alarms.AlarmState.UNACKNOWLEDGED;

import java.util.Optional;

/**
 * The ISA-18.2 alarm state machine, as a pure function of a status and an input. Masks (shelved,
 * suppressed, out of service) hide an alarm without losing its condition; when the last mask lifts
 * the alarm is judged afresh: still active means announced again, unacknowledged.
 */
public final class AlarmStateMachine {

    /**
     * The result of one input.
     *
     * @param next       the status after it (unchanged when refused)
     * @param event      the timeline event kind it produces, if it is worth one
     * @param activation whether it is an activation: the alarm raised, or raised again while still open
     * @param refusal    why a person's action was refused (not possible in this state)
     */
    public record Step(AlarmStatus next, Optional<String> event, boolean activation, Optional<String> refusal) {
        static Step to(AlarmStatus next, String event) {
            return new Step(next, Optional.of(event), false, Optional.empty());
        }

        static Step activation(AlarmStatus next, String event) {
            return new Step(next, Optional.of(event), true, Optional.empty());
        }

        static Step quiet(AlarmStatus next) {
            return new Step(next, Optional.empty(), false, Optional.empty());
        }

        static Step refused(AlarmStatus unchanged, String why) {
            return new Step(unchanged, Optional.empty(), false, Optional.of(why));
        }

        public boolean refused() {
            return refusal.isPresent();
        }
    }

    private AlarmStateMachine() {
    }

    public static Step apply(AlarmStatus s, AlarmInput input) {
        // Java 17: no pattern switch over the sealed inputs yet, hence the instanceof chain
        if (input instanceof AlarmInput.ConditionActive) {
            return active(s);
        } else if (input instanceof AlarmInput.ConditionCleared) {
            return cleared(s);
        } else if (input instanceof AlarmInput.Acknowledge) {
            return acknowledge(s);
        } else if (input instanceof AlarmInput.Reset) {
            return reset(s);
        } else if (input instanceof AlarmInput.Shelve shelve) {
            return shelve(s, shelve);
        } else if (input instanceof AlarmInput.Unshelve) {
            return s.shelf().isEmpty() ? Step.refused(s, "the alarm is not shelved")
                    : unmasked(s.withShelf(Optional.empty()), AlarmEvents.UNSHELVED);
        } else if (input instanceof AlarmInput.ShelfExpired) {
            return s.shelf().isEmpty() ? Step.quiet(s) : unmasked(s.withShelf(Optional.empty()), AlarmEvents.SHELF_EXPIRED);
        } else if (input instanceof AlarmInput.Suppress suppress) {
            return s.suppression().isPresent() ? Step.quiet(s)
                    : Step.to(s.withSuppression(Optional.of(suppress.cause())), AlarmEvents.SUPPRESSED);
        } else if (input instanceof AlarmInput.Unsuppress) {
            return s.suppression().isEmpty() ? Step.quiet(s) : unmasked(s.withSuppression(Optional.empty()), AlarmEvents.UNSUPPRESSED);
        } else if (input instanceof AlarmInput.RemoveFromService remove) {
            return s.outOfService().isPresent() ? Step.refused(s, "the alarm is already out of service")
                    : Step.to(s.withOutOfService(Optional.of(remove.reason())), AlarmEvents.OUT_OF_SERVICE);
        } else if (input instanceof AlarmInput.ReturnToService) {
            return s.outOfService().isEmpty() ? Step.refused(s, "the alarm is not out of service")
                    : unmasked(s.withOutOfService(Optional.empty()), AlarmEvents.RETURNED_TO_SERVICE);
        }
        throw new IllegalArgumentException("unknown alarm input " + input);
    }

    private static Step active(AlarmStatus s) {
        AlarmStatus on = s.withCondition(true);
        if (s.masked()) {
            return Step.quiet(on); // hidden: noted, not announced; judged again when the mask lifts
        }
        return switch (s.base()) {
            case NORMAL -> Step.activation(on.withBase(UNACKNOWLEDGED), AlarmEvents.RAISED);
            case RETURNED_UNACKNOWLEDGED -> Step.activation(on.withBase(UNACKNOWLEDGED), AlarmEvents.REPEATED);
            // a latched alarm whose condition had cleared, active again: announce it again
            case UNACKNOWLEDGED, ACKNOWLEDGED -> s.condition() ? Step.quiet(on)
                    : Step.activation(on.withBase(UNACKNOWLEDGED), AlarmEvents.REPEATED);
            default -> throw new IllegalStateException("base state " + s.base());
        };
    }

    private static Step cleared(AlarmStatus s) {
        AlarmStatus off = s.withCondition(false);
        if (s.masked() || !s.condition()) {
            return Step.quiet(off);
        }
        return switch (s.base()) {
            case UNACKNOWLEDGED -> Step.to(s.latched() ? off : off.withBase(RETURNED_UNACKNOWLEDGED), AlarmEvents.RETURNED);
            case ACKNOWLEDGED -> s.latched() ? Step.to(off, AlarmEvents.RETURNED) : Step.to(off.withBase(NORMAL), AlarmEvents.CLEARED);
            default -> Step.quiet(off);
        };
    }

    private static Step acknowledge(AlarmStatus s) {
        if (s.masked()) {
            return Step.refused(s, "a " + s.state().code() + " alarm is acknowledged after it is back in view");
        }
        return switch (s.base()) {
            case UNACKNOWLEDGED -> Step.to(s.withBase(ACKNOWLEDGED), AlarmEvents.ACKNOWLEDGED);
            // acknowledging a returned alarm ends it
            case RETURNED_UNACKNOWLEDGED -> Step.to(s.withBase(NORMAL), AlarmEvents.ACKNOWLEDGED);
            case ACKNOWLEDGED -> Step.refused(s, "the alarm is already acknowledged");
            default -> Step.refused(s, "the alarm is not active");
        };
    }

    private static Step reset(AlarmStatus s) {
        if (!s.latched()) {
            return Step.refused(s, "only a latching alarm is reset; this one clears by itself");
        }
        if (s.masked()) {
            return Step.refused(s, "a " + s.state().code() + " alarm cannot be reset");
        }
        if (s.condition()) {
            return Step.refused(s, "its condition is still active");
        }
        if (s.base() != ACKNOWLEDGED) {
            return Step.refused(s, s.base() == UNACKNOWLEDGED ? "acknowledge it before resetting it" : "the alarm is not active");
        }
        return Step.to(s.withBase(NORMAL), AlarmEvents.RESET);
    }

    private static Step shelve(AlarmStatus s, AlarmInput.Shelve sh) {
        if (s.outOfService().isPresent()) {
            return Step.refused(s, "the alarm is out of service");
        }
        if (s.shelf().isPresent()) {
            return Step.refused(s, "the alarm is already shelved until " + s.shelf().get().until());
        }
        if (s.base() == NORMAL && !s.condition()) {
            return Step.refused(s, "the alarm is not active");
        }
        return Step.to(s.withShelf(Optional.of(new AlarmStatus.Shelf(sh.user(), sh.reason(), sh.until()))), AlarmEvents.SHELVED);
    }

    /** A mask was lifted; if none is left, the alarm is judged afresh by its condition. */
    private static Step unmasked(AlarmStatus s, String event) {
        if (s.masked()) {
            return Step.to(s, event);
        }
        if (s.condition()) {
            return Step.activation(s.withBase(UNACKNOWLEDGED), event);
        }
        // a latched alarm that was announced before the mask keeps waiting for its reset
        boolean keep = s.latched() && (s.base() == UNACKNOWLEDGED || s.base() == ACKNOWLEDGED);
        return Step.to(keep ? s : s.withBase(NORMAL), event);
    }
}

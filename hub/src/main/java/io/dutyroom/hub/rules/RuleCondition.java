package io.dutyroom.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The debounced state of one rule on one device: the raise condition must hold for the on-delay
 * before the condition is active, and the clear condition for the off-delay before it is not. A
 * separate clear condition gives hysteresis. An unknown value (empty) changes nothing: a missing
 * reading is not evidence either way.
 */
final class RuleCondition {
    enum Phase { INACTIVE, PENDING_ON, ACTIVE, PENDING_OFF }

    private Phase phase = Phase.INACTIVE;
    private Instant since;
    private boolean suppressed;

    Phase phase() {
        return phase;
    }

    boolean active() {
        return phase == Phase.ACTIVE || phase == Phase.PENDING_OFF;
    }

    /** Waiting out a delay: must be looked at again when time passes, even if no reading comes. */
    boolean pending() {
        return phase == Phase.PENDING_ON || phase == Phase.PENDING_OFF;
    }

    /** Starts active, as restored from an alarm that was active when the hub stopped. */
    void restoreActive(Instant at) {
        phase = Phase.ACTIVE;
        since = at;
    }

    /**
     * Takes the latest evaluation; returns true when the condition became active, false when it became
     * inactive, empty when nothing changed.
     */
    Optional<Boolean> update(Optional<Boolean> raises, Optional<Boolean> clears, Instant now, Duration onDelay, Duration offDelay) {
        switch (phase) {
            case INACTIVE -> {
                if (raises.orElse(false)) {
                    return enter(onDelay.isZero() ? Phase.ACTIVE : Phase.PENDING_ON, now, true);
                }
            }
            case PENDING_ON -> {
                if (raises.isPresent() && !raises.get()) {
                    phase = Phase.INACTIVE;
                } else if (raises.isPresent() && elapsed(now, onDelay)) {
                    return enter(Phase.ACTIVE, now, true);
                }
            }
            case ACTIVE -> {
                if (clears.orElse(false)) {
                    return enter(offDelay.isZero() ? Phase.INACTIVE : Phase.PENDING_OFF, now, false);
                }
            }
            case PENDING_OFF -> {
                if (clears.isPresent() && !clears.get()) {
                    phase = Phase.ACTIVE;
                } else if (clears.isPresent() && elapsed(now, offDelay)) {
                    return enter(Phase.INACTIVE, now, false);
                }
            }
        }
        return Optional.empty();
    }

    /** Takes the latest suppression evaluation; returns the new value when it changed. */
    Optional<Boolean> suppress(Optional<Boolean> now) {
        if (now.isEmpty() || now.get() == suppressed) {
            return Optional.empty();
        }
        suppressed = now.get();
        return now;
    }

    private Optional<Boolean> enter(Phase next, Instant now, boolean raising) {
        Phase before = phase;
        phase = next;
        since = now;
        if (next == Phase.ACTIVE && raising) {
            return Optional.of(true);
        }
        if (next == Phase.INACTIVE && !raising && before != Phase.INACTIVE) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private boolean elapsed(Instant now, Duration delay) {
        return !now.isBefore(since.plus(delay));
    }
}

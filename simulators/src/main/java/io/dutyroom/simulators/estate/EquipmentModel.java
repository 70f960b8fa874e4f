package io.dutyroom.simulators.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A piece of simulated equipment: state that evolves with time, read out as the point values of
 * its profile. Models are pure and deterministic: time comes in through {@link #step}, randomness
 * from the generator each was built with, so the same seed replays the same run.
 */
public interface EquipmentModel {

    /** Advances the model to {@code now}, {@code dt} after the previous step. */
    void step(Instant now, Duration dt);

    /** The current values, by point name: numbers and booleans. */
    Map<String, Object> values();

    /**
     * Applies a named fault or its end (see docs/simulators.md); false when this equipment has no
     * such fault. {@code clear} ends every fault of the model.
     */
    default boolean apply(String fault, Map<String, Object> args) {
        return false;
    }

    /** Discrete events since the last call (a card swipe), as {@code type} and data; empty for most equipment. */
    default List<SimEvent> drainEvents() {
        return List.of();
    }

    /** A discrete event of the v1 contract. */
    record SimEvent(Instant ts, String type, Map<String, Object> data) {
    }
}

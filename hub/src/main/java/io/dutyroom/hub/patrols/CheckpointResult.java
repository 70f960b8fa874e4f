package io.dutyroom.hub.patrols;

import java.util.Objects;
import java.util.Optional;

/**
 * How one checkpoint fared in a round, decided by its first scan.
 *
 * @param checkpoint the checkpoint
 * @param status     early, on time, late or missed (漏巡)
 * @param scan       the first scan that counted; empty when missed
 */
public record CheckpointResult(Checkpoint checkpoint, Status status, Optional<PatrolScan> scan) {

    /** The four outcomes of a guard-tour checkpoint. */
    public enum Status {
        /** Scanned within the early margin, before the window opened. */
        EARLY,
        /** Scanned while the window was open. */
        ON_TIME,
        /** Scanned within the late grace, after the window closed. */
        LATE,
        /** Not scanned in time: 漏巡. */
        MISSED
    }

    public CheckpointResult {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(scan, "scan");
        if ((status == Status.MISSED) != scan.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint is missed exactly when it has no scan");
        }
    }
}

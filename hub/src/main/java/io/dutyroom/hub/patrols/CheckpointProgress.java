package io.dutyroom.hub.patrols;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How one checkpoint of a round in progress stands now: scanned (early, on time or late, as it will
 * be judged), not yet due, or past its own due time without a scan. The last is not yet "missed":
 * a scan may still come before the round is judged.
 *
 * @param checkpoint the checkpoint
 * @param dueAt      when it is due in this round ({@link PatrolRound#dueAt})
 * @param status     where it stands
 * @param scan       its first scan that counts; empty unless scanned
 */
public record CheckpointProgress(Checkpoint checkpoint, Instant dueAt, Status status, Optional<PatrolScan> scan) {

    /** Where a checkpoint of an open round stands. */
    public enum Status {
        /** Scanned within the early margin, before the window opened. */
        EARLY,
        /** Scanned while the window was open. */
        ON_TIME,
        /** Scanned after the window closed, within the late grace. */
        LATE,
        /** Not scanned, and not due yet. */
        WAITING,
        /** Not scanned, and its due time has passed: the desk should look for the guard. */
        OVERDUE;

        /** As the API writes it: {@code on-time}, {@code overdue}, … */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public CheckpointProgress {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(scan, "scan");
        boolean scanned = status != Status.WAITING && status != Status.OVERDUE;
        if (scanned == scan.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint has a scan exactly when it is scanned");
        }
    }
}

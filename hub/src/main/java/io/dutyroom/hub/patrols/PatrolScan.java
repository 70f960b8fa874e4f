package io.dutyroom.hub.patrols;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A guard's scan of a checkpoint's tag, with what they found there if they recorded anything.
 *
 * @param checkpointId the checkpoint scanned; it names the route too
 * @param guard        who scanned, e.g. {@code zhou.min}
 * @param at           when
 * @param finding      what the guard recorded; empty when nothing
 */
public record PatrolScan(String checkpointId, String guard, Instant at, Optional<Finding> finding) {

    public PatrolScan {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(at, "at");
        finding = finding == null ? Optional.empty() : finding;
    }
}

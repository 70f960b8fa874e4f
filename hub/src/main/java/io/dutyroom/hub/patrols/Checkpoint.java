package io.dutyroom.hub.patrols;

import io.dutyroom.adapters.profile.LocalizedText;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A place on a patrol route where the guard scans a tag (巡查点) and looks at what is listed. Its id
 * is unique across all routes, so that a scan names its checkpoint and thereby its route.
 *
 * @param id       what scans name, e.g. {@code t1-roof}
 * @param name     shown to the desk and the guard; a plain name serves for both languages
 * @param building the building id from the estate registry, e.g. {@code t1}
 * @param floor    the floor as the estate registry names it, e.g. {@code "1"} or {@code roof}; null for
 *                 a place outside the buildings' floors
 * @param checks   what to look at there, e.g. {@code fire doors}, {@code lamp covers}
 * @param dueAfter how long after its window opens the checkpoint is due to be scanned, as a guard-tour
 *                 plan times each point of a walk; empty: due when the window closes. Only the round
 *                 in progress uses it (to show what is past due before the round is judged); judging
 *                 still goes by the window, so a scan after this time is not late.
 */
public record Checkpoint(String id, LocalizedText name, String building, String floor, List<String> checks, Optional<Duration> dueAfter) {

    public Checkpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(building, "building");
        checks = checks == null ? List.of() : List.copyOf(checks);
        dueAfter = dueAfter == null ? Optional.empty() : dueAfter;
        if (dueAfter.isPresent() && dueAfter.get().isNegative()) {
            throw new IllegalArgumentException("checkpoint " + id + ": dueAfter must not be negative");
        }
    }

    /** A checkpoint due when its window closes. */
    public Checkpoint(String id, LocalizedText name, String building, String floor, List<String> checks) {
        this(id, name, building, floor, checks, Optional.empty());
    }
}

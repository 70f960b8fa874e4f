package io.dutyroom.hub.patrols;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A judged round: every checkpoint of the route with its outcome, in route order.
 *
 * @param round                 the round judged
 * @param checkpoints           one result per checkpoint of the route, in the route's order
 * @param outOfOrder            whether an ordered route was walked out of order
 * @param outOfOrderCheckpoints the checkpoints scanned too soon: before one listed ahead of them
 * @param guards                who scanned for this round, in the order of their first scan
 */
public record RoundResult(PatrolRound round, List<CheckpointResult> checkpoints, boolean outOfOrder,
                          List<String> outOfOrderCheckpoints, Set<String> guards) {

    public RoundResult {
        Objects.requireNonNull(round, "round");
        checkpoints = List.copyOf(checkpoints);
        outOfOrderCheckpoints = List.copyOf(outOfOrderCheckpoints);
        guards = Collections.unmodifiableSet(new LinkedHashSet<>(guards));
    }

    /** How many checkpoints were scanned in time, early and late included. */
    public int done() {
        return (int) checkpoints.stream().filter(c -> c.status() != CheckpointResult.Status.MISSED).count();
    }

    /** The share of checkpoints done, 0 to 1: the completion rate the patrol report adds up. */
    public double completion() {
        return checkpoints.isEmpty() ? 0 : (double) done() / checkpoints.size();
    }

    /** The missed checkpoints (漏巡), in route order. */
    public List<CheckpointResult> missed() {
        return withStatus(CheckpointResult.Status.MISSED);
    }

    /** The checkpoints scanned after the window closed, in route order. */
    public List<CheckpointResult> late() {
        return withStatus(CheckpointResult.Status.LATE);
    }

    private List<CheckpointResult> withStatus(CheckpointResult.Status status) {
        return checkpoints.stream().filter(c -> c.status() == status).toList();
    }
}

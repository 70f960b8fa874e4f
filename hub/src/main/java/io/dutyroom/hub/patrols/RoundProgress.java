package io.dutyroom.hub.patrols;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The progress of a round still open: which checkpoints are scanned, and which are past their own
 * due time ({@link Checkpoint#dueAfter()}) without a scan, so the desk can call the guard while the
 * round still runs instead of learning of a miss when it is judged. The scans count as the
 * {@link RoundJudge} will count them; only the checkpoints not scanned yet are told apart by the
 * clock.
 */
public final class RoundProgress {
    private final RoundJudge judge = new RoundJudge();
    private final Clock clock;

    public RoundProgress(Clock clock) {
        this.clock = clock;
    }

    /** Every checkpoint of {@code round}, in route order, as it stands now given {@code scans} (of any route and time). */
    public List<CheckpointProgress> of(PatrolRound round, List<PatrolScan> scans) {
        Instant now = clock.instant();
        return judge.judge(round, scans).checkpoints().stream().map(r -> {
            Instant due = round.dueAt(r.checkpoint());
            CheckpointProgress.Status status = switch (r.status()) {
                case EARLY -> CheckpointProgress.Status.EARLY;
                case ON_TIME -> CheckpointProgress.Status.ON_TIME;
                case LATE -> CheckpointProgress.Status.LATE;
                // not scanned (yet): the judge's "missed" is only final once the round is judged
                case MISSED -> now.isBefore(due) ? CheckpointProgress.Status.WAITING : CheckpointProgress.Status.OVERDUE;
            };
            return new CheckpointProgress(r.checkpoint(), due, status, r.scan());
        }).toList();
    }
}

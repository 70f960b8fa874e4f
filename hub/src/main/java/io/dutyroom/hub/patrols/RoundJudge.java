package io.dutyroom.hub.patrols;

import io.dutyroom.hub.patrols.CheckpointResult.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a round once its late grace has run out: which checkpoints were scanned early, on time or
 * late, which were missed (漏巡), and whether an ordered route was walked out of order. Pure: it looks
 * only at the round and the scans it is given, so the caller decides when a round is over.
 */
public final class RoundJudge {

    /**
     * The result of {@code round} given {@code scans}, which may include scans of other routes and
     * times: only scans of this route's checkpoints from {@link PatrolRound#earliest()} until
     * {@link PatrolRound#judgedAt()} count. For each checkpoint the first of those decides; a second
     * scan changes nothing, so a guard cannot make a late checkpoint on time by scanning it again.
     */
    public RoundResult judge(PatrolRound round, List<PatrolScan> scans) {
        PatrolRoute route = round.route();
        // stable: scans with the same time keep the order they arrived in
        List<PatrolScan> counted = scans.stream()
                .filter(s -> route.checkpoint(s.checkpointId()).isPresent())
                .filter(s -> !s.at().isBefore(round.earliest()) && s.at().isBefore(round.judgedAt()))
                .sorted(Comparator.comparing(PatrolScan::at))
                .toList();
        Map<String, PatrolScan> first = new HashMap<>();
        Set<String> guards = new LinkedHashSet<>();
        for (PatrolScan scan : counted) {
            first.putIfAbsent(scan.checkpointId(), scan);
            guards.add(scan.guard());
        }
        List<CheckpointResult> results = new ArrayList<>();
        for (Checkpoint checkpoint : route.checkpoints()) {
            Optional<PatrolScan> scan = Optional.ofNullable(first.get(checkpoint.id()));
            results.add(new CheckpointResult(checkpoint, scan.map(s -> status(round, s.at())).orElse(Status.MISSED), scan));
        }
        List<String> tooSoon = route.ordered() ? scannedTooSoon(route, first) : List.of();
        return new RoundResult(round, results, !tooSoon.isEmpty(), tooSoon, guards);
    }

    private static Status status(PatrolRound round, Instant at) {
        if (at.isBefore(round.opens())) {
            return Status.EARLY;
        }
        return at.isBefore(round.closes()) ? Status.ON_TIME : Status.LATE;
    }

    /**
     * The checkpoints first scanned before the first scan of one listed ahead of them. A checkpoint
     * never scanned is missed rather than out of order, so it holds nobody back.
     */
    private static List<String> scannedTooSoon(PatrolRoute route, Map<String, PatrolScan> first) {
        List<String> tooSoon = new ArrayList<>();
        Instant latestAhead = null;
        for (Checkpoint checkpoint : route.checkpoints()) {
            PatrolScan scan = first.get(checkpoint.id());
            if (scan == null) {
                continue;
            }
            if (latestAhead != null && scan.at().isBefore(latestAhead)) {
                tooSoon.add(checkpoint.id());
            }
            if (latestAhead == null || scan.at().isAfter(latestAhead)) {
                latestAhead = scan.at();
            }
        }
        return tooSoon;
    }
}

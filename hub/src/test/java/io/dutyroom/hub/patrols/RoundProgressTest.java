package io.dutyroom.hub.patrols;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.hub.patrols.CheckpointProgress.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A round in progress on a fake clock: which checkpoints are past their own time without a scan. */
class RoundProgressTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Tower 1, 09:30–12:00: the lobby due 20 min in, floor 6 after 1 h, the roof when the window closes. */
    private static final PatrolRoute TOWER = new PatrolRoute("t1-building", "riverside", new LocalizedText("1号楼", "Tower 1"), true,
            List.of(checkpoint("t1-lobby", Duration.ofMinutes(20)), checkpoint("t1-f06", Duration.ofHours(1)), checkpoint("t1-roof", null)),
            List.of(new PatrolWindow(LocalTime.of(9, 30), LocalTime.of(12, 0), Set.of())), Duration.ofMinutes(15), Duration.ofMinutes(30));
    private static final PatrolRound MORNING = new PatrolRound(TOWER, at("2025-03-07T09:30"), at("2025-03-07T12:00"));

    private static Checkpoint checkpoint(String id, Duration dueAfter) {
        return new Checkpoint(id, new LocalizedText(id, id), "t1", null, List.of(), Optional.ofNullable(dueAfter));
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static List<Status> statusesAt(String localNow, PatrolScan... scans) {
        RoundProgress progress = new RoundProgress(Clock.fixed(at(localNow), SHANGHAI));
        return progress.of(MORNING, List.of(scans)).stream().map(CheckpointProgress::status).toList();
    }

    private static PatrolScan scan(String checkpoint, String localTime) {
        return new PatrolScan(checkpoint, "zhou.min", at(localTime), Optional.empty());
    }

    @Test
    void beforeAnyCheckpointIsDueNothingIsOverdue() {
        assertThat(statusesAt("2025-03-07T09:40")).containsExactly(Status.WAITING, Status.WAITING, Status.WAITING);
    }

    @Test
    void aCheckpointPastItsOwnTimeWithoutAScanIsOverdueWhileTheRoundRuns() {
        assertThat(statusesAt("2025-03-07T09:50")).as("due at 09:50, inclusive").containsExactly(Status.OVERDUE, Status.WAITING, Status.WAITING);
        assertThat(statusesAt("2025-03-07T10:45")).containsExactly(Status.OVERDUE, Status.OVERDUE, Status.WAITING);
        List<CheckpointProgress> progress = new RoundProgress(Clock.fixed(at("2025-03-07T10:45"), SHANGHAI)).of(MORNING, List.of());
        assertThat(progress).extracting(CheckpointProgress::dueAt)
                .containsExactly(at("2025-03-07T09:50"), at("2025-03-07T10:30"), at("2025-03-07T12:00"));
    }

    @Test
    void aCheckpointWithoutItsOwnTimeIsDueWhenTheWindowCloses() {
        assertThat(statusesAt("2025-03-07T11:59", scan("t1-lobby", "2025-03-07T09:35"), scan("t1-f06", "2025-03-07T10:00")))
                .containsExactly(Status.ON_TIME, Status.ON_TIME, Status.WAITING);
        assertThat(statusesAt("2025-03-07T12:10", scan("t1-lobby", "2025-03-07T09:35"), scan("t1-f06", "2025-03-07T10:00")))
                .as("in the late grace").containsExactly(Status.ON_TIME, Status.ON_TIME, Status.OVERDUE);
    }

    @Test
    void scansCountAsTheJudgeWillCountThem() {
        List<CheckpointProgress> progress = new RoundProgress(Clock.fixed(at("2025-03-07T12:20"), SHANGHAI)).of(MORNING, List.of(
                scan("t1-lobby", "2025-03-07T09:20"),
                scan("t1-f06", "2025-03-07T11:00"),
                scan("t1-roof", "2025-03-07T12:05"),
                scan("t1-roof", "2025-03-07T09:00"),
                scan("another-route", "2025-03-07T10:00")));

        assertThat(progress).extracting(CheckpointProgress::status).containsExactly(Status.EARLY, Status.ON_TIME, Status.LATE);
        assertThat(progress.get(2).scan()).contains(scan("t1-roof", "2025-03-07T12:05"));
        assertThat(progress.get(1).status()).as("scanned after its own time: done, and judged on time by the window").isEqualTo(Status.ON_TIME);
    }

    @Test
    void aCheckpointScannedLaterIsNoLongerOverdue() {
        assertThat(statusesAt("2025-03-07T10:00")).startsWith(Status.OVERDUE);
        assertThat(statusesAt("2025-03-07T10:00", scan("t1-lobby", "2025-03-07T09:58"))).startsWith(Status.ON_TIME);
    }

    @Test
    void aDueTimeNeverFallsAfterTheWindowCloses() {
        PatrolRound shortened = new PatrolRound(TOWER, at("2025-03-07T09:30"), at("2025-03-07T09:45"));
        assertThat(shortened.dueAt(TOWER.checkpoint("t1-f06").orElseThrow())).isEqualTo(at("2025-03-07T09:45"));
    }
}

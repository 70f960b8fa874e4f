package io.dutyroom.hub.patrols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.hub.patrols.CheckpointResult.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundJudgeTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final RoundJudge JUDGE = new RoundJudge();

    private static final PatrolRoute TOWER = route("t1-building", true, "09:30", "12:00", "t1-lobby", "t1-f06", "t1-f12", "t1-roof");
    private static final PatrolRoute NIGHT = route("night-lighting", false, "22:00", "02:00", "gate", "car-park", "t2-lobby", "roof-lights");

    /** Friday 7 March 2025, 09:30–12:00: scans count from 09:15 until 12:30. */
    private static final PatrolRound MORNING = new PatrolRound(TOWER, at("2025-03-07T09:30"), at("2025-03-07T12:00"));
    /** Friday night, 22:00 until Saturday 02:00: scans count from 21:45 until 02:30. */
    private static final PatrolRound FRIDAY_NIGHT = new PatrolRound(NIGHT, at("2025-03-07T22:00"), at("2025-03-08T02:00"));

    private static PatrolRoute route(String id, boolean ordered, String start, String end, String... checkpoints) {
        List<Checkpoint> list = java.util.Arrays.stream(checkpoints)
                .map(c -> new Checkpoint(c, new LocalizedText(c, c), "t1", null, List.of("lamp covers")))
                .toList();
        return new PatrolRoute(id, "riverside", new LocalizedText(id, id), ordered, list,
                List.of(new PatrolWindow(LocalTime.parse(start), LocalTime.parse(end), Set.of())),
                Duration.ofMinutes(15), Duration.ofMinutes(30));
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static PatrolScan scan(String checkpoint, String localTime) {
        return scan(checkpoint, "zhou.min", localTime);
    }

    private static PatrolScan scan(String checkpoint, String guard, String localTime) {
        return new PatrolScan(checkpoint, guard, at(localTime), Optional.empty());
    }

    private static List<Status> statuses(RoundResult result) {
        return result.checkpoints().stream().map(CheckpointResult::status).toList();
    }

    @Test
    void eachCheckpointIsEarlyOnTimeLateOrMissed() {
        RoundResult result = JUDGE.judge(MORNING, List.of(
                scan("t1-lobby", "2025-03-07T09:20"),
                scan("t1-f06", "2025-03-07T10:00"),
                scan("t1-f12", "2025-03-07T12:10")));

        assertThat(result.round()).isEqualTo(MORNING);
        assertThat(result.checkpoints()).extracting(r -> r.checkpoint().id()).containsExactly("t1-lobby", "t1-f06", "t1-f12", "t1-roof");
        assertThat(statuses(result)).containsExactly(Status.EARLY, Status.ON_TIME, Status.LATE, Status.MISSED);
        assertThat(result.checkpoints().get(1).scan()).contains(scan("t1-f06", "2025-03-07T10:00"));
        assertThat(result.checkpoints().get(3).scan()).isEmpty();
        assertThat(result.done()).isEqualTo(3);
        assertThat(result.completion()).isEqualTo(0.75);
        assertThat(result.missed()).extracting(r -> r.checkpoint().id()).containsExactly("t1-roof");
        assertThat(result.late()).extracting(r -> r.checkpoint().id()).containsExactly("t1-f12");
        assertThat(result.outOfOrder()).isFalse();
        assertThat(result.guards()).containsExactly("zhou.min");
    }

    @Test
    void theMarginsIncludeTheirStartAndExcludeTheirEnd() {
        RoundResult result = JUDGE.judge(MORNING, List.of(
                scan("t1-lobby", "2025-03-07T09:15"),
                scan("t1-f06", "2025-03-07T09:30"),
                scan("t1-f12", "2025-03-07T12:00"),
                scan("t1-roof", "2025-03-07T12:30")));

        assertThat(statuses(result)).containsExactly(Status.EARLY, Status.ON_TIME, Status.LATE, Status.MISSED);
        assertThat(result.completion()).isEqualTo(0.75);
    }

    @Test
    void aRoundWithNoScansIsAllMissed() {
        RoundResult result = JUDGE.judge(MORNING, List.of());

        assertThat(statuses(result)).containsOnly(Status.MISSED);
        assertThat(result.done()).isZero();
        assertThat(result.completion()).isZero();
        assertThat(result.missed()).hasSize(4);
        assertThat(result.guards()).isEmpty();
        assertThat(result.outOfOrder()).isFalse();
    }

    @Test
    void aNightRoundCountsScansOnBothSidesOfMidnight() {
        RoundResult result = JUDGE.judge(FRIDAY_NIGHT, List.of(
                scan("gate", "2025-03-07T21:50"),
                scan("car-park", "2025-03-07T23:30"),
                scan("roof-lights", "2025-03-08T01:30"),
                scan("t2-lobby", "2025-03-08T02:20")));

        assertThat(statuses(result)).containsExactly(Status.EARLY, Status.ON_TIME, Status.LATE, Status.ON_TIME);
        assertThat(result.done()).isEqualTo(4);
        assertThat(result.completion()).isEqualTo(1.0);
        assertThat(result.missed()).isEmpty();
        // an unordered route is never out of order
        assertThat(result.outOfOrder()).isFalse();
        assertThat(result.outOfOrderCheckpoints()).isEmpty();
    }

    @Test
    void aNightCheckpointScannedAfterTheGraceIsMissed() {
        RoundResult result = JUDGE.judge(FRIDAY_NIGHT, List.of(
                scan("gate", "2025-03-07T21:44"),
                scan("car-park", "2025-03-08T00:00"),
                scan("roof-lights", "2025-03-08T02:30"),
                // Thursday night's scan of the same tag does not count for Friday
                scan("t2-lobby", "2025-03-07T01:00")));

        assertThat(statuses(result)).containsExactly(Status.MISSED, Status.ON_TIME, Status.MISSED, Status.MISSED);
        assertThat(result.completion()).isEqualTo(0.25);
    }

    @Test
    void aCheckpointScannedBeforeOneListedAheadOfItIsOutOfOrder() {
        RoundResult result = JUDGE.judge(MORNING, List.of(
                scan("t1-lobby", "2025-03-07T09:40"),
                scan("t1-roof", "2025-03-07T09:50"),
                scan("t1-f06", "2025-03-07T10:00"),
                scan("t1-f12", "2025-03-07T10:10")));

        assertThat(result.outOfOrder()).isTrue();
        assertThat(result.outOfOrderCheckpoints()).containsExactly("t1-roof");
        // walked out of order is still walked
        assertThat(result.completion()).isEqualTo(1.0);

        RoundResult backwards = JUDGE.judge(MORNING, List.of(
                scan("t1-roof", "2025-03-07T09:40"),
                scan("t1-f12", "2025-03-07T09:50"),
                scan("t1-f06", "2025-03-07T10:00"),
                scan("t1-lobby", "2025-03-07T10:10")));
        assertThat(backwards.outOfOrderCheckpoints()).containsExactly("t1-f06", "t1-f12", "t1-roof");

        RoundResult lobbyLast = JUDGE.judge(MORNING, List.of(
                scan("t1-f06", "2025-03-07T09:40"),
                scan("t1-f12", "2025-03-07T09:50"),
                scan("t1-lobby", "2025-03-07T10:00"),
                scan("t1-roof", "2025-03-07T10:10")));
        assertThat(lobbyLast.outOfOrderCheckpoints()).containsExactly("t1-f06", "t1-f12");
    }

    @Test
    void aSkippedCheckpointIsMissedNotOutOfOrder() {
        RoundResult result = JUDGE.judge(MORNING, List.of(
                scan("t1-lobby", "2025-03-07T09:40"),
                scan("t1-f12", "2025-03-07T10:10"),
                scan("t1-roof", "2025-03-07T10:20")));

        assertThat(result.outOfOrder()).isFalse();
        assertThat(result.missed()).extracting(r -> r.checkpoint().id()).containsExactly("t1-f06");
    }

    @Test
    void theSameWalkOnAnUnorderedRouteIsNotFlagged() {
        PatrolRoute unordered = route("t1-loose", false, "09:30", "12:00", "t1-lobby", "t1-f06", "t1-f12", "t1-roof");
        RoundResult result = JUDGE.judge(new PatrolRound(unordered, MORNING.opens(), MORNING.closes()), List.of(
                scan("t1-roof", "2025-03-07T09:40"),
                scan("t1-lobby", "2025-03-07T10:10")));

        assertThat(result.outOfOrder()).isFalse();
        assertThat(result.outOfOrderCheckpoints()).isEmpty();
        assertThat(result.done()).isEqualTo(2);
    }

    @Test
    void scansOfOtherRoutesAndOutsideTheMarginsAreIgnored() {
        RoundResult result = JUDGE.judge(MORNING, List.of(
                scan("gate", "wu.gang", "2025-03-07T10:00"),
                scan("t1-lobby", "li.hua", "2025-03-07T09:14:59"),
                scan("t1-f06", "li.hua", "2025-03-07T12:30"),
                scan("t1-f12", "li.hua", "2025-03-06T10:00"),
                scan("t1-roof", "zhou.min", "2025-03-07T11:00")));

        assertThat(statuses(result)).containsExactly(Status.MISSED, Status.MISSED, Status.MISSED, Status.ON_TIME);
        assertThat(result.guards()).containsExactly("zhou.min");
        assertThat(result.checkpoints()).hasSize(4);
    }

    @Test
    void theFirstScanOfACheckpointDecides() {
        RoundResult result = JUDGE.judge(MORNING, List.of(
                // given out of time order: the earliest scan is still the first
                scan("t1-f06", "wu.gang", "2025-03-07T12:10"),
                scan("t1-lobby", "zhou.min", "2025-03-07T09:20"),
                scan("t1-lobby", "wu.gang", "2025-03-07T10:00"),
                scan("t1-f06", "zhou.min", "2025-03-07T12:05"),
                scan("t1-f12", "zhou.min", "2025-03-07T12:20"),
                scan("t1-roof", "zhou.min", "2025-03-07T12:25")));

        assertThat(statuses(result)).containsExactly(Status.EARLY, Status.LATE, Status.LATE, Status.LATE);
        assertThat(result.checkpoints().get(0).scan()).contains(scan("t1-lobby", "zhou.min", "2025-03-07T09:20"));
        assertThat(result.checkpoints().get(1).scan()).contains(scan("t1-f06", "zhou.min", "2025-03-07T12:05"));
        assertThat(result.done()).isEqualTo(4);
        assertThat(result.late()).hasSize(3);
        assertThat(result.guards()).containsExactly("zhou.min", "wu.gang");
        assertThat(result.outOfOrder()).isFalse();

        // a later rescan of the lobby does not hide that the sixth floor came first
        RoundResult rescanned = JUDGE.judge(MORNING, List.of(
                scan("t1-f06", "2025-03-07T09:40"),
                scan("t1-lobby", "2025-03-07T09:50"),
                scan("t1-f06", "2025-03-07T10:00")));
        assertThat(rescanned.outOfOrderCheckpoints()).containsExactly("t1-f06");
    }

    @Test
    void aFindingTravelsWithTheDecidingScan() {
        Finding lamp = new Finding("fault", "lamp cover broken on the stairs", List.of("https://photos.example/1.jpg"));
        PatrolScan withFinding = new PatrolScan("t1-f12", "zhou.min", at("2025-03-07T10:30"), Optional.of(lamp));

        RoundResult result = JUDGE.judge(MORNING, List.of(withFinding));

        assertThat(result.checkpoints().get(2).scan()).flatMap(PatrolScan::finding).contains(lamp);
        assertThat(lamp.fault()).isTrue();
        assertThat(new Finding("attention", null, null).fault()).isFalse();
        assertThat(new Finding("ok", null, List.of()).photos()).isEmpty();
        assertThatThrownBy(() -> new Finding("broken", null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRoundIsKeyedByItsRouteAndOpeningInstant() {
        assertThat(MORNING.id()).isEqualTo("t1-building@2025-03-07T01:30:00Z");
        assertThat(FRIDAY_NIGHT.id()).isEqualTo("night-lighting@2025-03-07T14:00:00Z");
        assertThat(FRIDAY_NIGHT.earliest()).isEqualTo(at("2025-03-07T21:45"));
        assertThat(FRIDAY_NIGHT.judgedAt()).isEqualTo(at("2025-03-08T02:30"));
    }
}

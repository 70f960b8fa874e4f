package io.dutyroom.hub.patrols;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.Site;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatrolRoutesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final String ROUTES = """
            timeZone: Asia/Shanghai
            routes:
              - id: t1-building
                site: riverside
                name: {zh: 1号楼楼宇巡查, en: Tower 1 building patrol}
                windows:
                  - {start: "09:30", end: "12:00"}
                  - {start: "16:00", end: "18:10"}
                checkpoints:
                  - {id: t1-l1-lifts, building: t1, floor: "1", name: {zh: 1层电梯厅, en: Lift lobby 1F}, checks: [elevators inside and out]}
                  - {id: t1-roof, building: t1, floor: RF, name: 屋面, checks: [rooftop]}
              - id: night-lighting
                site: riverside
                ordered: false
                early: 10m
                lateGrace: 1h
                windows: [{start: "22:00", end: "02:00", days: [mon, tue, wed, thu, fri]}]
                checkpoints:
                  - {id: gate-lights, building: t1}
              - id: hilltop-building
                site: hilltop
                windows: [{start: "09:00", end: "10:00"}]
                checkpoints: [{id: h1-lobby, building: h1}]
            """;

    private static PatrolRoutes load(String yaml) {
        return PatrolRoutes.load(YamlDocument.read("patrols.yaml", yaml.getBytes(UTF_8)));
    }

    private static List<String> problemsOf(String yaml) {
        try {
            load(yaml);
        } catch (InvalidConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the patrol file to be rejected");
    }

    /** A local time in Shanghai; 7 March 2025 is a Friday. */
    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static List<String> ids(List<PatrolRound> rounds) {
        return rounds.stream().map(PatrolRound::id).toList();
    }

    private static String roundId(String route, String localOpens) {
        return route + "@" + at(localOpens);
    }

    @Test
    void routesAreReadWithTheirDefaults() {
        PatrolRoutes routes = load(ROUTES);

        assertThat(routes.zone()).isEqualTo(SHANGHAI);
        assertThat(routes.routes()).extracting(PatrolRoute::id).containsExactly("t1-building", "night-lighting", "hilltop-building");
        PatrolRoute building = routes.route("t1-building").orElseThrow();
        assertThat(building.site()).isEqualTo("riverside");
        assertThat(building.name()).isEqualTo(new LocalizedText("1号楼楼宇巡查", "Tower 1 building patrol"));
        assertThat(building.ordered()).isTrue();
        assertThat(building.early()).isEqualTo(Duration.ofMinutes(15));
        assertThat(building.lateGrace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(building.windows()).containsExactly(
                new PatrolWindow(LocalTime.of(9, 30), LocalTime.of(12, 0), Set.of()),
                new PatrolWindow(LocalTime.of(16, 0), LocalTime.of(18, 10), Set.of()));
        assertThat(building.checkpoints()).containsExactly(
                new Checkpoint("t1-l1-lifts", new LocalizedText("1层电梯厅", "Lift lobby 1F"), "t1", "1", List.of("elevators inside and out")),
                new Checkpoint("t1-roof", new LocalizedText("屋面", "屋面"), "t1", "RF", List.of("rooftop")));
        assertThat(building.checkpoint("t1-roof")).map(Checkpoint::floor).contains("RF");
        assertThat(building.checkpoint("gate-lights")).isEmpty();

        PatrolRoute night = routes.route("night-lighting").orElseThrow();
        assertThat(night.ordered()).isFalse();
        assertThat(night.early()).isEqualTo(Duration.ofMinutes(10));
        assertThat(night.lateGrace()).isEqualTo(Duration.ofHours(1));
        assertThat(night.name()).isEqualTo(new LocalizedText("night-lighting", "night-lighting"));
        PatrolWindow window = night.windows().get(0);
        assertThat(window.crossesMidnight()).isTrue();
        assertThat(window.length()).isEqualTo(Duration.ofHours(4));
        assertThat(window.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        Checkpoint gate = night.checkpoints().get(0);
        assertThat(gate.floor()).isNull();
        assertThat(gate.checks()).isEmpty();
        assertThat(gate.name()).isEqualTo(new LocalizedText("gate-lights", "gate-lights"));
        assertThat(routes.route("nope")).isEmpty();
    }

    @Test
    void aCheckpointNamesItsRouteWithinItsSite() {
        PatrolRoutes routes = load(ROUTES);

        assertThat(routes.routeOf("riverside", "t1-roof")).map(PatrolRoute::id).contains("t1-building");
        assertThat(routes.routeOf("riverside", "gate-lights")).map(PatrolRoute::id).contains("night-lighting");
        assertThat(routes.routeOf("hilltop", "h1-lobby")).map(PatrolRoute::id).contains("hilltop-building");
        assertThat(routes.routeOf("hilltop", "t1-roof")).isEmpty();
        assertThat(routes.routeOf("riverside", "no-such-tag")).isEmpty();
    }

    @Test
    void theDayWindowsAreJudgedWhenTheirLateGraceRunsOut() {
        PatrolRoutes routes = load(ROUTES);

        List<PatrolRound> friday = routes.roundsClosingBetween(at("2025-03-07T10:00"), at("2025-03-07T19:00"));
        assertThat(ids(friday)).containsExactly(
                roundId("hilltop-building", "2025-03-07T09:00"),
                roundId("t1-building", "2025-03-07T09:30"),
                roundId("t1-building", "2025-03-07T16:00"));
        PatrolRound morning = friday.get(1);
        assertThat(morning.route().id()).isEqualTo("t1-building");
        assertThat(morning.opens()).isEqualTo(at("2025-03-07T09:30"));
        assertThat(morning.closes()).isEqualTo(at("2025-03-07T12:00"));
        assertThat(morning.earliest()).isEqualTo(at("2025-03-07T09:15"));
        assertThat(morning.judgedAt()).isEqualTo(at("2025-03-07T12:30"));
        assertThat(morning.id()).isEqualTo("t1-building@2025-03-07T01:30:00Z");
        assertThat(friday.get(2).judgedAt()).isEqualTo(at("2025-03-07T18:40"));

        // the start is exclusive and the end inclusive, so consecutive checks judge a round once
        assertThat(ids(routes.roundsClosingBetween(at("2025-03-07T12:29"), at("2025-03-07T12:30"))))
                .containsExactly(roundId("t1-building", "2025-03-07T09:30"));
        assertThat(routes.roundsClosingBetween(at("2025-03-07T12:30"), at("2025-03-07T18:39"))).isEmpty();
        // when the window merely closes, the round is still open to late scans
        assertThat(routes.roundsClosingBetween(at("2025-03-07T11:00"), at("2025-03-07T12:00"))).isEmpty();
        assertThat(routes.roundsClosingBetween(at("2025-03-07T19:00"), at("2025-03-07T10:00"))).isEmpty();
    }

    @Test
    void aNightWindowAcrossMidnightBelongsToTheDayItStarts() {
        PatrolRoutes routes = load(ROUTES);

        // Thursday night's round is judged early on Friday
        List<PatrolRound> fridayMorning = routes.roundsClosingBetween(at("2025-03-07T00:00"), at("2025-03-07T04:00"));
        assertThat(ids(fridayMorning)).containsExactly(roundId("night-lighting", "2025-03-06T22:00"));
        assertThat(fridayMorning.get(0).closes()).isEqualTo(at("2025-03-07T02:00"));
        assertThat(fridayMorning.get(0).judgedAt()).isEqualTo(at("2025-03-07T03:00"));

        // Friday night's round starts on Friday, a listed day, and runs into Saturday
        List<PatrolRound> saturdayMorning = routes.roundsClosingBetween(at("2025-03-07T19:00"), at("2025-03-08T09:00"));
        assertThat(ids(saturdayMorning)).containsExactly(roundId("night-lighting", "2025-03-07T22:00"));
        assertThat(saturdayMorning.get(0).closes()).isEqualTo(at("2025-03-08T02:00"));

        // no round starts on Saturday or Sunday night, so none closes on Sunday or Monday morning
        assertThat(routes.roundsClosingBetween(at("2025-03-08T09:00"), at("2025-03-10T09:00")))
                .extracting(r -> r.route().id()).doesNotContain("night-lighting");
        // Monday night's round again, judged on Tuesday
        assertThat(routes.roundsClosingBetween(at("2025-03-10T19:00"), at("2025-03-11T09:00")))
                .extracting(PatrolRound::id).containsExactly(roundId("night-lighting", "2025-03-10T22:00"));
    }

    @Test
    void consecutiveChecksJudgeEveryRoundOfTheWeekExactlyOnce() {
        PatrolRoutes routes = load(ROUTES);

        List<String> judged = new ArrayList<>();
        Instant from = at("2025-03-03T00:00");
        while (from.isBefore(at("2025-03-10T00:00"))) {
            Instant to = from.plus(Duration.ofMinutes(7));
            judged.addAll(ids(routes.roundsClosingBetween(from, to)));
            from = to;
        }
        // two building rounds a day, one hilltop round a day, and the five weekday nights
        assertThat(judged).doesNotHaveDuplicates().hasSize(7 * 2 + 7 + 5);
        assertThat(judged).filteredOn(id -> id.startsWith("night-lighting@")).containsExactly(
                roundId("night-lighting", "2025-03-03T22:00"), roundId("night-lighting", "2025-03-04T22:00"),
                roundId("night-lighting", "2025-03-05T22:00"), roundId("night-lighting", "2025-03-06T22:00"),
                roundId("night-lighting", "2025-03-07T22:00"));
    }

    @Test
    void aScanBelongsToTheRoundWhoseMarginsHoldIt() {
        PatrolRoutes routes = load(ROUTES);

        String morning = roundId("t1-building", "2025-03-07T09:30");
        assertThat(ids(routes.roundsAt(at("2025-03-07T09:14:59"), "riverside"))).isEmpty();
        assertThat(ids(routes.roundsAt(at("2025-03-07T09:15"), "riverside"))).containsExactly(morning);
        assertThat(ids(routes.roundsAt(at("2025-03-07T12:29:59"), "riverside"))).containsExactly(morning);
        assertThat(ids(routes.roundsAt(at("2025-03-07T12:30"), "riverside"))).isEmpty();
        assertThat(ids(routes.roundsAt(at("2025-03-07T15:45"), "riverside")))
                .containsExactly(roundId("t1-building", "2025-03-07T16:00"));

        // only the site's own routes
        assertThat(ids(routes.roundsAt(at("2025-03-07T09:45"), "hilltop")))
                .containsExactly(roundId("hilltop-building", "2025-03-07T09:00"));
        assertThat(routes.roundsAt(at("2025-03-07T09:45"), "lakeside")).isEmpty();

        // the night route: 10 minutes early on Thursday, an hour late into Saturday morning
        String thursdayNight = roundId("night-lighting", "2025-03-06T22:00");
        assertThat(ids(routes.roundsAt(at("2025-03-06T21:49"), "riverside"))).isEmpty();
        assertThat(ids(routes.roundsAt(at("2025-03-06T21:50"), "riverside"))).containsExactly(thursdayNight);
        assertThat(ids(routes.roundsAt(at("2025-03-07T00:30"), "riverside"))).containsExactly(thursdayNight);
        assertThat(ids(routes.roundsAt(at("2025-03-08T02:59"), "riverside")))
                .containsExactly(roundId("night-lighting", "2025-03-07T22:00"));
        assertThat(routes.roundsAt(at("2025-03-08T03:00"), "riverside")).isEmpty();
        // Saturday night has no round
        assertThat(routes.roundsAt(at("2025-03-08T23:00"), "riverside")).isEmpty();
    }

    @Test
    void aWindowMayEndAtMidnight() {
        PatrolRoutes routes = load("""
                timeZone: Asia/Shanghai
                routes:
                  - id: evening
                    site: riverside
                    lateGrace: 0m
                    windows: [{start: "18:00", end: "24:00"}]
                    checkpoints: [{id: gate, building: t1}]
                """);

        PatrolRound round = routes.roundsAt(at("2025-03-07T23:59"), "riverside").get(0);
        assertThat(round.opens()).isEqualTo(at("2025-03-07T18:00"));
        assertThat(round.closes()).isEqualTo(at("2025-03-08T00:00"));
        assertThat(round.judgedAt()).isEqualTo(round.closes());
        assertThat(routes.roundsAt(at("2025-03-08T00:00"), "riverside")).isEmpty();
    }

    @Test
    void aWindowLostToTheClockGoingForwardHasNoRoundThatDay() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        PatrolRoutes routes = load("""
                timeZone: Europe/Berlin
                routes:
                  - id: small-hours
                    site: riverside
                    windows: [{start: "02:30", end: "03:00"}]
                    checkpoints: [{id: gate, building: t1}]
                """);

        // on 30 March 2025 Berlin's clocks skip from 02:00 to 03:00
        Instant saturday = LocalDateTime.parse("2025-03-29T00:00").atZone(berlin).toInstant();
        assertThat(routes.roundsClosingBetween(saturday, saturday.plus(Duration.ofDays(3))))
                .extracting(r -> r.opens().atZone(berlin).toLocalDate().toString())
                .containsExactly("2025-03-29", "2025-03-31");
    }

    @Test
    void theEmptyFileHasNoRounds() {
        PatrolRoutes empty = PatrolRoutes.empty();

        assertThat(empty.routes()).isEmpty();
        assertThat(empty.roundsClosingBetween(at("2025-03-07T00:00"), at("2025-03-14T00:00"))).isEmpty();
        assertThat(empty.roundsAt(at("2025-03-07T10:00"), "riverside")).isEmpty();
        assertThat(empty.routeOf("riverside", "t1-roof")).isEmpty();
    }

    @Test
    void everyMistakeIsReportedWithItsLine() {
        assertThat(problemsOf("""
                timeZone: Asia/Beijing
                routes:
                  - id: t1-building
                    site: riverside
                    early: -PT5M
                    lateGrace: soon
                    windows:
                      - {start: "09:30", end: "9:30 pm"}
                      - {start: "16:00", end: "16:00"}
                      - {start: "22:00", end: "02:00", days: [mon, friday]}
                    checkpoints:
                      - {id: t1-roof, building: t1, floor: roof}
                      - {id: t1-roof, building: t1}
                  - id: t1-building
                    site: river side
                    windows: []
                    checkpoints: []
                  - id: night
                    windows: [{start: "22:00", end: "02:00", days: []}]
                    checkpoints: [{id: t1-roof, name: 屋面}]
                """)).containsExactly(
                "patrols.yaml:1: timeZone: unknown time zone 'Asia/Beijing'; use a name like Asia/Shanghai",
                "patrols.yaml:5: routes.0.early: must not be negative (was '-PT5M'); 0 turns the margin off",
                "patrols.yaml:6: routes.0.lateGrace: 'soon' is not a duration like 15m, 30m or 1h",
                "patrols.yaml:8: routes.0.windows.0.end: '9:30 pm' is not a time like \"09:30\"",
                "patrols.yaml:9: routes.0.windows.1: starts and ends at 16:00; a window needs a length "
                        + "(an end before the start means it ends the next day)",
                "patrols.yaml:10: routes.0.windows.2.days.1: unknown weekday 'friday'; use mon, tue, wed, thu, fri, sat or sun",
                "patrols.yaml:13: routes.0.checkpoints.1.id: checkpoint 't1-roof' is declared twice (first in route "
                        + "'t1-building'); a checkpoint id names one place in the whole file",
                "patrols.yaml:14: routes.1.id: route 't1-building' is declared twice",
                "patrols.yaml:15: routes.1.site: site id 'river side' must be 1-64 letters, digits, '.', '_' or '-'",
                "patrols.yaml:16: routes.1.windows: a route needs at least one window, e.g. {start: \"09:30\", end: \"12:00\"}",
                "patrols.yaml:17: routes.1.checkpoints: a route needs at least one checkpoint",
                "patrols.yaml:18: routes.2.site: a route needs the id of its site in the estate registry, e.g. riverside",
                "patrols.yaml:19: routes.2.windows.0.days: an empty list; leave days out for every day",
                "patrols.yaml:20: routes.2.checkpoints.0.id: checkpoint 't1-roof' is declared twice (first in route "
                        + "'t1-building'); a checkpoint id names one place in the whole file",
                "patrols.yaml:20: routes.2.checkpoints.0.building: a checkpoint needs the id of its building, e.g. t1");
    }

    @Test
    void windowsOfARouteMustNotOverlapOnceTheirMarginsAreAdded() {
        assertThat(problemsOf("""
                timeZone: Asia/Shanghai
                routes:
                  - id: t1-building
                    site: riverside
                    windows:
                      - {start: "09:30", end: "12:00"}
                      - {start: "12:30", end: "14:00"}
                      - {start: "11:00", end: "11:30", days: [sat]}
                    checkpoints: [{id: t1-roof, building: t1}]
                  - id: night
                    site: riverside
                    lateGrace: 16h
                    windows: [{start: "22:00", end: "06:00"}]
                    checkpoints: [{id: gate, building: t1}]
                """)).containsExactly(
                "patrols.yaml:7: routes.0.windows.1: with the early margin (15m) and the late grace (30m) this window "
                        + "overlaps window 0 (09:30–12:00); a scan must belong to one round",
                "patrols.yaml:8: routes.0.windows.2: with the early margin (15m) and the late grace (30m) this window "
                        + "overlaps window 0 (09:30–12:00); a scan must belong to one round",
                "patrols.yaml:13: routes.1.windows.0: with the early margin (15m) and the late grace (16h) this window "
                        + "runs into its own next round; a scan must belong to one round");
    }

    @Test
    void windowsThatOnlyTouchOrRunOnDifferentDaysMayFollowEachOther() {
        PatrolRoutes routes = load("""
                timeZone: Asia/Shanghai
                routes:
                  - id: t1-building
                    site: riverside
                    early: 0m
                    windows:
                      - {start: "09:30", end: "12:00"}
                      - {start: "12:30", end: "14:00"}
                    checkpoints: [{id: t1-roof, building: t1}]
                  - id: night
                    site: riverside
                    windows:
                      - {start: "22:00", end: "02:00", days: [mon, tue, wed, thu, fri]}
                      - {start: "21:00", end: "03:00", days: [sat, sun]}
                    checkpoints: [{id: gate, building: t1}]
                  - id: weekly-roof
                    site: riverside
                    lateGrace: 3d
                    windows: [{start: "10:00", end: "16:00", days: [mon]}]
                    checkpoints: [{id: roof-weekly, building: t1}]
                """);

        // a scan at 12:30 is past the first round's grace and on time for the second
        assertThat(ids(routes.roundsAt(at("2025-03-07T12:30"), "riverside")))
                .containsExactly(roundId("t1-building", "2025-03-07T12:30"));
        // Sunday 03:15: Saturday night's late grace
        assertThat(ids(routes.roundsAt(at("2025-03-09T03:15"), "riverside")))
                .containsExactly(roundId("night", "2025-03-08T21:00"));
        // Thursday: still in the grace of Monday's weekly round
        assertThat(ids(routes.roundsAt(at("2025-03-06T15:00"), "riverside")))
                .containsExactly(roundId("weekly-roof", "2025-03-03T10:00"));
    }

    @Test
    void aCheckpointMayBeDueBeforeItsWindowCloses() {
        PatrolRoutes routes = load("""
                timeZone: Asia/Shanghai
                routes:
                  - id: t1-building
                    site: riverside
                    windows: [{start: "09:30", end: "12:00"}, {start: "16:00", end: "18:10"}]
                    checkpoints:
                      - {id: t1-lobby, building: t1, dueAfter: 20m}
                      - {id: t1-roof, building: t1}
                """);
        PatrolRoute route = routes.route("t1-building").orElseThrow();
        assertThat(route.checkpoint("t1-lobby").orElseThrow().dueAfter()).contains(Duration.ofMinutes(20));
        assertThat(route.checkpoint("t1-roof").orElseThrow().dueAfter()).as("due when the window closes").isEmpty();
        PatrolRound morning = new PatrolRound(route, at("2025-03-07T09:30"), at("2025-03-07T12:00"));
        assertThat(morning.dueAt(route.checkpoint("t1-lobby").orElseThrow())).isEqualTo(at("2025-03-07T09:50"));
        assertThat(morning.dueAt(route.checkpoint("t1-roof").orElseThrow())).isEqualTo(at("2025-03-07T12:00"));
    }

    @Test
    void aCheckpointIsDueWithinEveryWindowOfItsRoute() {
        assertThat(problemsOf("""
                timeZone: Asia/Shanghai
                routes:
                  - id: t1-building
                    site: riverside
                    windows: [{start: "09:30", end: "12:00"}, {start: "16:00", end: "18:10"}]
                    checkpoints:
                      - {id: t1-lobby, building: t1, dueAfter: 2h30m}
                      - {id: t1-f06, building: t1, dueAfter: 2h15m}
                      - {id: t1-f12, building: t1, dueAfter: -PT5M}
                      - {id: t1-roof, building: t1, dueAfter: 2h}
                """)).containsExactly(
                "patrols.yaml:7: routes.0.checkpoints.0.dueAfter: '2h30m' is not a duration like 20m, 90m or PT1H30M",
                "patrols.yaml:8: routes.0.checkpoints.1.dueAfter: '2h15m' is not a duration like 20m, 90m or PT1H30M",
                "patrols.yaml:9: routes.0.checkpoints.2.dueAfter: must not be negative (was '-PT5M'); it counts from the window's opening");
        assertThat(problemsOf("""
                timeZone: Asia/Shanghai
                routes:
                  - id: t1-building
                    site: riverside
                    windows: [{start: "09:30", end: "12:00"}, {start: "16:00", end: "18:10"}]
                    checkpoints: [{id: t1-roof, building: t1, dueAfter: 140m}]
                """)).containsExactly("patrols.yaml:6: routes.0.checkpoints.0.dueAfter: '140m' is after the end of the route's shortest "
                + "window (130 min long); a checkpoint is due within its window, or leave dueAfter out to make it due at the window's end");
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertThatThrownBy(() -> load("""
                timeZone: Asia/Shanghai
                routes:
                  - id: t1-building
                    site: riverside
                    windows: [{start: "09:30", end: "12:00", guard: zhou.min}]
                    checkpoints: [{id: t1-roof, building: t1}]
                """))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("patrols.yaml:5: routes.0.windows.0.guard: unknown key");
    }

    @Test
    void theDemoRoutesPatrolTheDemoEstate() {
        PatrolRoutes demo = PatrolRoutes.demo();
        InputStream in = getClass().getClassLoader().getResourceAsStream("demo/estate.yaml");
        EstateRegistry estate = EstateRegistry.parse(YamlDocument.read("demo/estate.yaml", in), ProfileCatalogue.builtIn());
        Site riverside = estate.sites().get(0);

        assertThat(demo.zone()).isEqualTo(SHANGHAI);
        assertThat(demo.routes()).extracting(PatrolRoute::id).containsExactly("towers-1-2", "tower-3-office", "night-lighting");
        assertThat(demo.routes()).allSatisfy(r -> assertThat(r.site()).isEqualTo(riverside.id().value()));
        for (PatrolRoute route : demo.routes()) {
            for (Checkpoint checkpoint : route.checkpoints()) {
                Site.Building building = riverside.buildings().stream()
                        .filter(b -> b.id().equals(checkpoint.building())).findFirst()
                        .orElseThrow(() -> new AssertionError(checkpoint.id() + ": no building " + checkpoint.building()));
                if (checkpoint.floor() != null) {
                    assertThat(building.floors()).as(checkpoint.id()).contains(checkpoint.floor());
                }
                assertThat(checkpoint.checks()).as(checkpoint.id()).isNotEmpty();
            }
        }

        // the building patrols: the procedures' two windows and checkpoint list, walked in order
        List<PatrolWindow> twiceADay = List.of(
                new PatrolWindow(LocalTime.of(9, 30), LocalTime.of(12, 0), Set.of()),
                new PatrolWindow(LocalTime.of(16, 0), LocalTime.of(18, 10), Set.of()));
        for (String id : List.of("towers-1-2", "tower-3-office")) {
            PatrolRoute route = demo.route(id).orElseThrow();
            assertThat(route.windows()).as(id).isEqualTo(twiceADay);
            assertThat(route.ordered()).as(id).isTrue();
            assertThat(route.checkpoints().stream().flatMap(c -> c.checks().stream())).as(id).contains(
                    "elevators inside and out", "corridors", "walls", "fire doors", "fire-hose boxes",
                    "ventilation windows", "lamp covers", "stair handrails", "rooftop");
        }
        PatrolRoute night = demo.route("night-lighting").orElseThrow();
        assertThat(night.windows()).singleElement().satisfies(w -> {
            assertThat(w.crossesMidnight()).isTrue();
            assertThat(w.days()).isEmpty();
        });
        assertThat(demo.routeOf("riverside", "t3-roof")).map(PatrolRoute::id).contains("tower-3-office");
        // every night of the week, and the day patrols twice a day on both routes
        assertThat(demo.roundsClosingBetween(at("2025-03-03T00:00"), at("2025-03-10T00:00")))
                .hasSize(7 * 2 * 2 + 7);
    }
}

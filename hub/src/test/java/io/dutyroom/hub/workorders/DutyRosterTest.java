package io.dutyroom.hub.workorders;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DutyRosterTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final String ROSTER = """
            timeZone: Asia/Shanghai
            shifts:
              - {id: day, name: {zh: 白班, en: Day shift}, start: "08:00", end: "20:00"}
              - {id: night, name: {zh: 夜班, en: Night shift}, start: "20:00", end: "08:00"}
            engineers:
              - {id: wang.wei, name: 王伟, skills: [electrician, plumber], phone: "+86 138 0000 0001"}
              - {id: li.na, name: {zh: 李娜, en: Li Na}, skills: [plumber]}
              - {id: zhao.lei, name: 赵磊, skills: [electrician]}
              - {id: qian.fang, name: 钱芳, skills: [general]}
              - {id: kone-24h, name: {zh: 电梯维保值班, en: Lift contractor duty phone}, skills: [elevator-contractor], alwaysOnCall: true}
            duty:
              - {shift: day, engineers: [li.na, wang.wei]}
              - {shift: night, days: [mon, wed, fri], engineers: [zhao.lei]}
              - {shift: night, days: [tue, thu, sat, sun], engineers: [qian.fang]}
            sites: [riverside]
            """;

    private static DutyRoster load(String yaml) {
        return DutyRoster.load(YamlDocument.read("roster.yaml", yaml.getBytes(UTF_8)));
    }

    private static List<String> problemsOf(String yaml) {
        try {
            load(yaml);
        } catch (InvalidConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the roster to be rejected");
    }

    /** A local time in Shanghai; 7 March 2025 is a Friday. */
    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static List<String> ids(List<Engineer> engineers) {
        return engineers.stream().map(Engineer::id).toList();
    }

    @Test
    void theDayShiftIsWhoeverTheRosterPutsOnItPlusThoseAlwaysOnCall() {
        DutyRoster roster = load(ROSTER);
        assertThat(LocalDateTime.parse("2025-03-07T12:00").getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);

        assertThat(roster.zone()).isEqualTo(SHANGHAI);
        assertThat(roster.shiftAt(at("2025-03-07T12:00"))).isEqualTo(new ShiftInstance(
                "day", new LocalizedText("白班", "Day shift"), at("2025-03-07T08:00"), at("2025-03-07T20:00")));
        // roster order (the engineers list), not the order of the duty entry
        assertThat(ids(roster.onDuty(at("2025-03-07T12:00")))).containsExactly("wang.wei", "li.na", "kone-24h");
    }

    @Test
    void aNightShiftRunsAcrossMidnight() {
        DutyRoster roster = load(ROSTER);

        ShiftInstance fridayNight = new ShiftInstance(
                "night", new LocalizedText("夜班", "Night shift"), at("2025-03-07T20:00"), at("2025-03-08T08:00"));
        assertThat(roster.shiftAt(at("2025-03-07T23:30"))).isEqualTo(fridayNight);
        assertThat(roster.shiftAt(at("2025-03-08T00:00"))).isEqualTo(fridayNight);
        assertThat(roster.shiftAt(at("2025-03-07T20:00"))).isEqualTo(fridayNight);
        assertThat(roster.shiftAt(at("2025-03-08T08:00")).shiftId()).isEqualTo("day");
        assertThat(roster.shiftAt(at("2025-03-08T07:59:59")).start()).isEqualTo(at("2025-03-07T20:00"));
    }

    @Test
    void aWeekdayNamesTheDayTheShiftStarts() {
        DutyRoster roster = load(ROSTER);

        // Saturday 03:00 belongs to the night shift that started on Friday: Friday's engineers
        assertThat(roster.shiftAt(at("2025-03-08T03:00")).start()).isEqualTo(at("2025-03-07T20:00"));
        assertThat(ids(roster.onDuty(at("2025-03-08T03:00")))).containsExactly("zhao.lei", "kone-24h");
        // Saturday's own night shift has Saturday's engineers
        assertThat(ids(roster.onDuty(at("2025-03-08T21:00")))).containsExactly("qian.fang", "kone-24h");
        // and Sunday 03:00 still belongs to Saturday night
        assertThat(ids(roster.onDuty(at("2025-03-09T03:00")))).containsExactly("qian.fang", "kone-24h");
    }

    @Test
    void engineersAreLookedUpByIdWithTheirSkillsAndNames() {
        DutyRoster roster = load(ROSTER);

        Engineer wang = roster.engineer("wang.wei").orElseThrow();
        assertThat(wang.name()).isEqualTo(new LocalizedText("王伟", "王伟"));
        assertThat(wang.skills()).containsExactly("electrician", "plumber");
        assertThat(wang.has("plumber")).isTrue();
        assertThat(wang.has("fire-systems")).isFalse();
        assertThat(wang.phone()).isEqualTo("+86 138 0000 0001");
        assertThat(wang.alwaysOnCall()).isFalse();
        Engineer lift = roster.engineer("kone-24h").orElseThrow();
        assertThat(lift.alwaysOnCall()).isTrue();
        assertThat(lift.phone()).isNull();
        assertThat(lift.name().en()).isEqualTo("Lift contractor duty phone");
        assertThat(roster.engineer("li.na").orElseThrow().name().en()).isEqualTo("Li Na");
        assertThat(roster.engineer("nobody")).isEmpty();
        assertThat(ids(roster.engineers())).containsExactly("wang.wei", "li.na", "zhao.lei", "qian.fang", "kone-24h");
        assertThat(roster.covers("riverside")).isTrue();
        assertThat(roster.covers("hilltop")).isFalse();
    }

    @Test
    void handoversAreTheShiftStartsInTheInterval() {
        DutyRoster roster = load(ROSTER);

        assertThat(roster.handoversBetween(at("2025-03-07T19:00"), at("2025-03-08T09:00")))
                .extracting(ShiftInstance::shiftId, ShiftInstance::start)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("night", at("2025-03-07T20:00")),
                        org.assertj.core.groups.Tuple.tuple("day", at("2025-03-08T08:00")));
        // the start is exclusive and the end inclusive, so a handover is recorded once
        assertThat(roster.handoversBetween(at("2025-03-07T20:00"), at("2025-03-08T08:00")))
                .extracting(ShiftInstance::start).containsExactly(at("2025-03-08T08:00"));
        assertThat(roster.handoversBetween(at("2025-03-07T21:00"), at("2025-03-08T07:00"))).isEmpty();
        assertThat(roster.handoversBetween(at("2025-03-08T07:00"), at("2025-03-07T21:00"))).isEmpty();
        assertThat(roster.handoversBetween(at("2025-03-07T00:00"), at("2025-03-10T00:00"))).hasSize(6);
    }

    @Test
    void aRosterWithoutSitesCoversThemAll() {
        DutyRoster roster = load(ROSTER.replace("sites: [riverside]\n", ""));

        assertThat(roster.covers("hilltop")).isTrue();
    }

    @Test
    void theEmptyRosterHasNobodyOnDutyAndNoHandovers() {
        DutyRoster empty = DutyRoster.empty();

        assertThat(empty.onDuty(at("2025-03-07T12:00"))).isEmpty();
        assertThat(empty.handoversBetween(at("2025-03-07T00:00"), at("2025-03-09T00:00"))).isEmpty();
        assertThat(empty.engineers()).isEmpty();
        assertThat(empty.engineer(null)).isEmpty();
        assertThatThrownBy(() -> empty.shiftAt(at("2025-03-07T12:00"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSingleShiftMayCoverTheWholeDay() {
        DutyRoster roster = load("""
                timeZone: Asia/Shanghai
                shifts:
                  - {id: all-day, start: "00:00", end: "24:00"}
                engineers:
                  - {id: wang.wei, skills: [general]}
                duty:
                  - {shift: all-day, engineers: [wang.wei]}
                """);

        assertThat(roster.shiftAt(at("2025-03-07T13:00"))).isEqualTo(new ShiftInstance(
                "all-day", new LocalizedText("all-day", "all-day"), at("2025-03-07T00:00"), at("2025-03-08T00:00")));
        assertThat(ids(roster.onDuty(at("2025-03-07T23:59")))).containsExactly("wang.wei");
    }

    @Test
    void gapsAndOverlapsBetweenShiftsAreReported() {
        assertThat(problemsOf("""
                timeZone: Asia/Shanghai
                shifts:
                  - {id: day, start: "08:00", end: "18:00"}
                  - {id: evening, start: "17:00", end: "23:00"}
                  - {id: night, start: "00:00", end: "08:00"}
                engineers:
                  - {id: wang.wei, skills: [general]}
                """)).containsExactly(
                "roster.yaml:3: shifts: shifts day and evening both cover 17:00 to 18:00; each time of day belongs to one shift",
                "roster.yaml:3: shifts: no shift covers 23:00 to 00:00; the shifts must cover the 24 hours");
    }

    @Test
    void aNightShiftCanOverlapAndLeaveAGapAtEitherEnd() {
        assertThat(problemsOf("""
                timeZone: Asia/Shanghai
                shifts:
                  - {id: day, start: "07:00", end: "20:00"}
                  - {id: night, start: "21:00", end: "08:00"}
                engineers:
                  - {id: wang.wei, skills: [general]}
                """)).containsExactly(
                "roster.yaml:3: shifts: shifts day and night both cover 07:00 to 08:00; each time of day belongs to one shift",
                "roster.yaml:3: shifts: no shift covers 20:00 to 21:00; the shifts must cover the 24 hours");
    }

    @Test
    void everyMistakeIsReportedWithItsLine() {
        assertThat(problemsOf("""
                timeZone: Asia/Beijing
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: day, start: "20:00", end: "8 pm"}
                engineers:
                  - {id: wang.wei, name: 王伟, skills: [electrician]}
                  - {id: wang.wei, name: 王伟, skills: [plumber]}
                  - {id: li.na, name: 李娜, skills: []}
                duty:
                  - {shift: evening, engineers: [wang.wei]}
                  - {shift: day, days: [mon, friday, xyz], engineers: [wang.wei, zhao.lei]}
                """)).containsExactly(
                "roster.yaml:1: timeZone: unknown time zone 'Asia/Beijing'; use a name like Asia/Shanghai",
                "roster.yaml:4: shifts.1.id: shift 'day' is declared twice",
                "roster.yaml:4: shifts.1.end: '8 pm' is not a time like \"08:00\"",
                "roster.yaml:7: engineers.1.id: engineer 'wang.wei' is declared twice",
                "roster.yaml:8: engineers.2.skills: an engineer needs at least one skill, e.g. electrician",
                "roster.yaml:10: duty.0.shift: no shift 'evening' in this roster",
                "roster.yaml:11: duty.1.days.1: unknown weekday 'friday'; use mon, tue, wed, thu, fri, sat or sun",
                "roster.yaml:11: duty.1.days.2: unknown weekday 'xyz'; use mon, tue, wed, thu, fri, sat or sun",
                "roster.yaml:11: duty.1.engineers.1: no engineer 'zhao.lei' in this roster");
    }

    @Test
    void anUnquotedTimeIsReadAsATime() {
        // YAML 1.1 tools may read 20:00 as the number 1200; this parser keeps it as text, so both work
        DutyRoster roster = load("""
                timeZone: Asia/Shanghai
                shifts:
                  - {id: day, start: 08:00, end: 20:00}
                  - {id: night, start: 20:00, end: 08:00}
                engineers:
                  - {id: wang.wei, skills: [general]}
                """);

        assertThat(roster.shiftAt(at("2025-03-07T20:00")).shiftId()).isEqualTo("night");
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertThatThrownBy(() -> load("""
                timeZone: Asia/Shanghai
                shifts:
                  - {id: day, start: "00:00", end: "24:00", lead: wang.wei}
                """))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("roster.yaml:3: shifts.0.lead: unknown key");
    }

    @Test
    void theDemoRosterStaffsEveryShiftWithEverySkillTheShippedPoliciesNeed() {
        DutyRoster demo = DutyRoster.demo();
        List<String> skills = WorkOrderPolicies.shipped().all().stream()
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p.skill()), p.notifySkills().stream()))
                .distinct().toList();
        assertThat(skills).containsExactlyInAnyOrder("elevator-contractor", "general", "plumber", "electrician", "fire-systems");

        assertThat(demo.zone()).isEqualTo(SHANGHAI);
        assertThat(demo.covers("riverside")).isTrue();
        for (int hour = 0; hour < 7 * 24; hour++) {
            Instant t = at("2025-03-03T00:30").plusSeconds(hour * 3600L);
            List<Engineer> onDuty = demo.onDuty(t);
            assertThat(onDuty.stream().filter(e -> !e.alwaysOnCall())).as("rostered at %s", t).hasSizeGreaterThanOrEqualTo(2);
            for (String skill : java.util.stream.Stream.concat(skills.stream(), java.util.stream.Stream.of("supervisor")).toList()) {
                assertThat(onDuty).as("%s at %s", skill, t).anyMatch(e -> e.has(skill));
            }
        }
    }
}

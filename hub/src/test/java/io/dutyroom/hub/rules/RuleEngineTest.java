package io.dutyroom.hub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.estate.EstateRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private static final ProfileCatalogue PROFILES = ProfileCatalogue.builtIn();
    private static final Map<String, ProfileRules> COMPILED = RuleCompiler.compile(PROFILES);
    private static final EstateRegistry ESTATE = EstateRegistry.parse(YamlDocument.read("estate.yaml", """
            sites:
              - id: s1
                buildings:
                  - id: t1
                    floors: ["B1", "1", "2", "3"]
                    devices:
                      - {id: lift-a, profile: elevator, floor: "1", name: {zh: 1号楼A梯, en: Tower 1 lift A}}
                      - {id: pumps-1, profile: water-pump-set, floor: B1, name: {zh: 生活水泵组, en: Domestic pumps}}
                      - {id: sump-1, profile: sump-pit, floor: B1, name: {zh: 集水坑, en: Sump pit}}
                      - {id: incomer-1, profile: power-distribution, floor: B1}
            """.getBytes(StandardCharsets.UTF_8)), PROFILES);

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String LIFT = "lift-a";
    private static final String PUMPS = "pumps-1";
    private static final String SUMP = "sump-1";
    private static final String INCOMER = "incomer-1";

    private RuleEngine engine;

    @BeforeEach
    void start() {
        engine = new RuleEngine(ESTATE, COMPILED, T0);
    }

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** Readings of one device: point, value, point, value, ... (booleans as 1 and 0). */
    private List<ConditionChange> send(String device, Instant now, Quality quality, Object... pointsAndValues) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < pointsAndValues.length; i += 2) {
            readings.add(new Reading(DeviceId.of(device), (String) pointsAndValues[i], now, ((Number) pointsAndValues[i + 1]).doubleValue(),
                    quality));
        }
        return engine.readings(DeviceId.of(device), readings, now, Optional.empty());
    }

    private List<ConditionChange> send(String device, Instant now, Object... pointsAndValues) {
        return send(device, now, Quality.GOOD, pointsAndValues);
    }

    private static List<ConditionChange> of(List<ConditionChange> changes, String device, String rule) {
        return changes.stream().filter(c -> c.device().id().value().equals(device) && c.rule().id().equals(rule)).toList();
    }

    private static List<ConditionChange.Kind> kinds(List<ConditionChange> changes, String device, String rule) {
        return of(changes, device, rule).stream().map(ConditionChange::kind).toList();
    }

    /** A car stopped between floors with somebody inside: the entrapment values. */
    private List<ConditionChange> trapped(Instant now) {
        return send(LIFT, now, "floor", 3, "direction", 0, "moving", 0, "door_state", 0, "in_leveling_zone", 0, "alarm_button", 0,
                "passenger_detected", 1, "fault_code", 18, "service_mode", 0);
    }

    // ---- elevator ------------------------------------------------------------------------------

    @Test
    void entrapmentIsRaisedOnlyAfterThirtySecondsOfTheEntrapmentValues() {
        assertThat(kinds(trapped(at(0)), LIFT, "entrapment")).isEmpty();
        assertThat(kinds(engine.tick(at(10)), LIFT, "entrapment")).isEmpty();
        assertThat(kinds(engine.tick(at(29.999)), LIFT, "entrapment")).isEmpty();

        List<ConditionChange> raised = of(engine.tick(at(30)), LIFT, "entrapment");
        assertThat(raised).hasSize(1);
        ConditionChange change = raised.get(0);
        assertThat(change.kind()).isEqualTo(ConditionChange.Kind.ACTIVE);
        assertThat(change.at()).isEqualTo(at(30));
        assertThat(change.device().id()).isEqualTo(DeviceId.of(LIFT));
        assertThat(change.drill()).isEmpty();
        assertThat(change.values()).containsEntry("passenger_detected", true).containsEntry("moving", false)
                .containsEntry("fault_code", 18L).containsEntry("floor", 3L);
    }

    @Test
    void entrapmentIsRaisedOncePerEpisode() {
        trapped(at(0));
        assertThat(kinds(engine.tick(at(30)), LIFT, "entrapment")).containsExactly(ConditionChange.Kind.ACTIVE);
        assertThat(kinds(engine.tick(at(31)), LIFT, "entrapment")).isEmpty();
        assertThat(kinds(send(LIFT, at(40), "alarm_button", 1), LIFT, "entrapment")).as("still trapped: no new raise").isEmpty();
        assertThat(kinds(trapped(at(50)), LIFT, "entrapment")).isEmpty();
        assertThat(kinds(engine.tick(at(90)), LIFT, "entrapment")).isEmpty();
        assertThat(kinds(engine.tick(at(600)), LIFT, "entrapment")).isEmpty();
    }

    @Test
    void entrapmentClearsWhenTheCarLevelsAndTheDoorOpens() {
        trapped(at(0));
        engine.tick(at(30));
        List<ConditionChange> levelled = send(LIFT, at(45), "in_leveling_zone", 1, "door_state", 2, "fault_code", 0);
        assertThat(kinds(levelled, LIFT, "entrapment")).containsExactly(ConditionChange.Kind.CLEARED);
        assertThat(of(levelled, LIFT, "entrapment").get(0).at()).isEqualTo(at(45));

        // a new episode is raised again, after its own on-delay
        assertThat(kinds(trapped(at(100)), LIFT, "entrapment")).isEmpty();
        assertThat(kinds(engine.tick(at(129)), LIFT, "entrapment")).isEmpty();
        assertThat(kinds(engine.tick(at(130)), LIFT, "entrapment")).containsExactly(ConditionChange.Kind.ACTIVE);
    }

    @Test
    void entrapmentIsNotRaisedWhenTheCarLevelsDuringTheDelay() {
        trapped(at(0));
        send(LIFT, at(20), "in_leveling_zone", 1, "door_state", 2, "fault_code", 0);
        assertThat(kinds(engine.tick(at(30)), LIFT, "entrapment")).isEmpty();
        assertThat(kinds(engine.tick(at(60)), LIFT, "entrapment")).isEmpty();
    }

    @Test
    void stoppedOutsideTheLevelingZoneIsSuppressedWhileAPassengerIsDetected() {
        String rule = "stopped-outside-leveling-zone";
        assertThat(kinds(trapped(at(0)), LIFT, rule)).containsExactly(ConditionChange.Kind.SUPPRESSED);
        assertThat(kinds(engine.tick(at(10)), LIFT, rule)).as("its own 10 s on-delay").containsExactly(ConditionChange.Kind.ACTIVE);

        assertThat(kinds(send(LIFT, at(20), "passenger_detected", 0), LIFT, rule)).containsExactly(ConditionChange.Kind.UNSUPPRESSED);
        assertThat(kinds(send(LIFT, at(25), "alarm_button", 1), LIFT, rule)).as("the alarm button is somebody inside too")
                .containsExactly(ConditionChange.Kind.SUPPRESSED);
    }

    @Test
    void stoppedOutsideTheLevelingZoneWithNobodyInsideIsNotSuppressed() {
        String rule = "stopped-outside-leveling-zone";
        assertThat(kinds(send(LIFT, at(0), "moving", 0, "in_leveling_zone", 0, "passenger_detected", 0, "alarm_button", 0,
                "door_state", 0, "fault_code", 0), LIFT, rule)).isEmpty();
        assertThat(kinds(engine.tick(at(10)), LIFT, rule)).containsExactly(ConditionChange.Kind.ACTIVE);
        assertThat(kinds(engine.tick(at(30)), LIFT, "entrapment")).as("nobody inside: no entrapment").isEmpty();
    }

    @Test
    void aReadingThatDoesNotTouchARulesPointsDoesNotReEvaluateIt() {
        // a lift running normally: no rule waits out a delay
        send(LIFT, at(0), "floor", 3, "direction", 1, "moving", 1, "door_state", 0, "in_leveling_zone", 1, "alarm_button", 0,
                "passenger_detected", 1, "fault_code", 0, "service_mode", 0, "run_count", 1000);
        long before = engine.evaluations();

        send(LIFT, at(1), "run_count", 1001);
        assertThat(engine.evaluations()).as("no rule reads run_count").isEqualTo(before);
        send(LIFT, at(2), "floor", 4);
        assertThat(engine.evaluations()).as("floor is only in messages, no rule condition reads it").isEqualTo(before);

        send(LIFT, at(3), "service_mode", 0);
        assertThat(engine.evaluations()).as("only inspection-mode reads service_mode").isEqualTo(before + 1);

        long readingFault = COMPILED.get("elevator").rules().stream().filter(r -> r.reads().contains("fault_code")).count();
        assertThat(readingFault).isGreaterThanOrEqualTo(4);
        send(LIFT, at(4), "fault_code", 0);
        assertThat(engine.evaluations()).isEqualTo(before + 1 + readingFault);
    }

    @Test
    void aTickOnlyReEvaluatesRulesWaitingOnADelayOrReadingASignal() {
        send(LIFT, at(0), "floor", 3, "direction", 1, "moving", 1, "door_state", 0, "in_leveling_zone", 1, "alarm_button", 0,
                "passenger_detected", 0, "fault_code", 0, "service_mode", 0);
        long signalRules = COMPILED.get("water-pump-set").rules().stream().filter(CompiledRule::readsSignals).count()
                + COMPILED.get("sump-pit").rules().stream().filter(CompiledRule::readsSignals).count();
        assertThat(COMPILED.get("elevator").rules()).noneMatch(CompiledRule::readsSignals);

        long before = engine.evaluations();
        engine.tick(at(1));
        assertThat(engine.evaluations()).as("the lift has nothing pending and no signals").isEqualTo(before + signalRules);

        send(LIFT, at(2), "service_mode", 1); // inspection-mode starts its 1 min on-delay
        long afterReading = engine.evaluations();
        engine.tick(at(3));
        assertThat(engine.evaluations()).isEqualTo(afterReading + signalRules + 1);
    }

    @Test
    void commFailureReadingsDoNotRaise() {
        List<ConditionChange> changes = new ArrayList<>(send(LIFT, at(0), Quality.COMM_FAILURE, "floor", 3, "direction", 0, "moving", 0,
                "door_state", 0, "in_leveling_zone", 0, "alarm_button", 0, "passenger_detected", 1, "fault_code", 18, "service_mode", 1));
        changes.addAll(engine.tick(at(30)));
        changes.addAll(engine.tick(at(90)));
        assertThat(of(changes, LIFT, "entrapment")).isEmpty();
        assertThat(changes.stream().filter(c -> c.device().id().value().equals(LIFT)).toList()).isEmpty();
    }

    @Test
    void aCommFailureDuringTheOnDelayIsNoEvidenceEitherWay() {
        trapped(at(0));
        send(LIFT, at(10), Quality.COMM_FAILURE, "passenger_detected", 0, "moving", 0, "in_leveling_zone", 0);
        assertThat(kinds(engine.tick(at(30)), LIFT, "entrapment")).as("unknown values do not complete the delay").isEmpty();
        assertThat(kinds(engine.tick(at(60)), LIFT, "entrapment")).isEmpty();
    }

    @Test
    void commFailureReadingsDoNotClearAnActiveCondition() {
        trapped(at(0));
        engine.tick(at(30));
        List<ConditionChange> lost = send(LIFT, at(40), Quality.COMM_FAILURE, "floor", 0, "direction", 0, "moving", 0, "door_state", 0,
                "in_leveling_zone", 0, "alarm_button", 0, "passenger_detected", 0, "fault_code", 0, "service_mode", 0);
        assertThat(kinds(lost, LIFT, "entrapment")).isEmpty();
        assertThat(kinds(engine.tick(at(100)), LIFT, "entrapment")).isEmpty();
    }

    @Test
    void aConditionThatDependsOnAValueNotYetReceivedIsUnknown() {
        CompiledRule stopped = COMPILED.get("elevator").rules().stream().filter(r -> r.id().equals("stopped-outside-leveling-zone"))
                .findFirst().orElseThrow();
        // fault_code == 18 || (!moving && !in_leveling_zone): with only fault_code known, the answer hangs on moving
        assertThat(stopped.raises(Map.of("fault_code", 0L))).isEmpty();
        assertThat(stopped.raises(Map.of("fault_code", 18L))).as("known without the missing values").contains(true);
        assertThat(stopped.clears(Map.of("fault_code", 0L), Optional.empty())).isEmpty();
    }

    @Test
    void aReadingThatLeavesARulesValuesUnknownGivesNothing() {
        assertThatCode(() -> send(LIFT, at(0), "fault_code", 0)).doesNotThrowAnyException();
        assertThat(send(LIFT, at(1), "fault_code", 0)).isEmpty();
    }

    @Test
    void aTickTakenInSlicesFindsWhatTheWholeTickFinds() {
        // the lift's entrapment and the sump's flooding risk both wait out an on-delay, in different devices
        trapped(at(0));
        send(SUMP, at(0), "high_level_float", 1, "water_level", 2.0, "pump1_running", 0, "pump2_running", 0, "pump1_fault", 0,
                "pump2_fault", 0);
        assertThat(engine.deviceCount()).isEqualTo(4);

        List<ConditionChange> sliced = new ArrayList<>();
        for (int from = 0; from < engine.deviceCount(); from++) {
            sliced.addAll(engine.tick(at(30), from, from + 1));
        }
        assertThat(kinds(sliced, LIFT, "entrapment")).containsExactly(ConditionChange.Kind.ACTIVE);
        assertThat(kinds(sliced, SUMP, "flooding-risk")).containsExactly(ConditionChange.Kind.ACTIVE);
        assertThat(engine.tick(at(31), 0, engine.deviceCount())).as("each raised once, by its own slice").isEmpty();
        assertThat(engine.tick(at(32), 3, 99)).as("a range past the end is cut at the end").isEmpty();
    }

    @Test
    void aTickBeforeAnyDeviceHasReportedGivesNothing() {
        // the pump set's short-cycling rule reads pump1_starts_1h, unknown until pump1_running is first heard
        assertThatCode(() -> engine.tick(at(1))).doesNotThrowAnyException();
        assertThat(engine.tick(at(2))).isEmpty();
    }

    @Test
    void aDrillReadingGivesADrillChange() {
        List<Reading> readings = new ArrayList<>();
        for (var e : Map.of("fault_code", 1.0, "floor", 2.0).entrySet()) {
            readings.add(new Reading(DeviceId.of(LIFT), e.getKey(), at(0), e.getValue(), Quality.GOOD));
        }
        List<ConditionChange> changes = engine.readings(DeviceId.of(LIFT), readings, at(0), Optional.of("drill-7"));
        assertThat(of(changes, LIFT, "safety-fault")).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ConditionChange.Kind.ACTIVE);
            assertThat(c.drill()).contains("drill-7");
        });
    }

    @Test
    void unknownDevicesGiveNothing() {
        assertThat(engine.readings(DeviceId.of("nobody"), List.of(new Reading(DeviceId.of("nobody"), "fault_code", at(0), 1, Quality.GOOD)),
                at(0), Optional.empty())).isEmpty();
    }

    // ---- sump pit ------------------------------------------------------------------------------

    @Test
    void sumpFloodingRiskIsRaisedAfterItsFiveSecondOnDelay() {
        List<ConditionChange> first = send(SUMP, at(0), "high_level_float", 1, "water_level", 2.0, "pump1_running", 0, "pump2_running", 0,
                "pump1_fault", 0, "pump2_fault", 0);
        assertThat(kinds(first, SUMP, "flooding-risk")).isEmpty();
        assertThat(kinds(first, SUMP, "high-level")).as("high level at once, hidden behind the flooding risk")
                .containsExactlyInAnyOrder(ConditionChange.Kind.ACTIVE, ConditionChange.Kind.SUPPRESSED);

        assertThat(kinds(engine.tick(at(4.999)), SUMP, "flooding-risk")).isEmpty();
        assertThat(kinds(engine.tick(at(5)), SUMP, "flooding-risk")).containsExactly(ConditionChange.Kind.ACTIVE);
        assertThat(kinds(engine.tick(at(6)), SUMP, "flooding-risk")).isEmpty();

        List<ConditionChange> pumping = send(SUMP, at(20), "pump1_running", 1);
        assertThat(kinds(pumping, SUMP, "flooding-risk")).containsExactly(ConditionChange.Kind.CLEARED);
        assertThat(kinds(pumping, SUMP, "high-level")).containsExactly(ConditionChange.Kind.UNSUPPRESSED);
    }

    @Test
    void sumpFloodingRiskIsNotRaisedWhenAPumpStartsWithinTheDelay() {
        send(SUMP, at(0), "high_level_float", 0, "water_level", 2.0, "pump1_running", 0, "pump2_running", 0, "pump1_fault", 0,
                "pump2_fault", 0);
        send(SUMP, at(3), "pump2_running", 1);
        assertThat(kinds(engine.tick(at(5)), SUMP, "flooding-risk")).isEmpty();
        assertThat(kinds(engine.tick(at(60)), SUMP, "flooding-risk")).isEmpty();
    }

    // ---- water pump set ------------------------------------------------------------------------

    private List<ConditionChange> pressure(double value, Instant now) {
        return send(PUMPS, now, "outlet_pressure", value);
    }

    @Test
    void outletPressureLowHasHysteresisBetweenRaiseAndClear() {
        String rule = "outlet-pressure-low";
        assertThat(kinds(send(PUMPS, at(0), "pump1_running", 1, "pump2_running", 0, "pump1_fault", 0, "pump2_fault", 0,
                "outlet_pressure", 0.2, "tank_level", 2.0), PUMPS, rule)).isEmpty();
        assertThat(kinds(engine.tick(at(29)), PUMPS, rule)).isEmpty();
        assertThat(kinds(engine.tick(at(30)), PUMPS, rule)).containsExactly(ConditionChange.Kind.ACTIVE);

        assertThat(kinds(pressure(0.28, at(40)), PUMPS, rule)).as("between 0.25 and 0.3: still low").isEmpty();
        assertThat(kinds(pressure(0.30, at(50)), PUMPS, rule)).as("0.3 is not above 0.3").isEmpty();
        assertThat(kinds(pressure(0.31, at(60)), PUMPS, rule)).containsExactly(ConditionChange.Kind.CLEARED);

        assertThat(kinds(pressure(0.28, at(70)), PUMPS, rule)).as("between 0.25 and 0.3: still fine").isEmpty();
        assertThat(kinds(pressure(0.25, at(80)), PUMPS, rule)).as("0.25 is not below 0.25").isEmpty();
        assertThat(kinds(engine.tick(at(120)), PUMPS, rule)).isEmpty();

        assertThat(kinds(pressure(0.249, at(130)), PUMPS, rule)).isEmpty();
        assertThat(kinds(engine.tick(at(159)), PUMPS, rule)).isEmpty();
        assertThat(kinds(engine.tick(at(160)), PUMPS, rule)).containsExactly(ConditionChange.Kind.ACTIVE);
    }

    @Test
    void outletPressureLowIsSuppressedWhileAPumpHasTripped() {
        String rule = "outlet-pressure-low";
        send(PUMPS, at(0), "pump1_running", 1, "pump2_running", 0, "pump1_fault", 0, "pump2_fault", 0, "outlet_pressure", 0.2);
        assertThat(kinds(send(PUMPS, at(5), "pump1_fault", 1), PUMPS, rule)).containsExactly(ConditionChange.Kind.SUPPRESSED);
        assertThat(kinds(send(PUMPS, at(6), "pump1_fault", 0), PUMPS, rule)).containsExactly(ConditionChange.Kind.UNSUPPRESSED);
    }

    // ---- power distribution --------------------------------------------------------------------

    private List<ConditionChange> phases(Instant now, double a, double b, double c) {
        return send(INCOMER, now, "breaker_closed", 1, "voltage_a", a, "voltage_b", b, "voltage_c", c);
    }

    @Test
    void phaseImbalanceIsAPhaseMoreThanFourPercentOffTheMeanForAMinuteAndClearsWithinThree() {
        String rule = "phase-imbalance";
        assertThat(kinds(phases(at(0), 230, 229, 231), INCOMER, rule)).isEmpty();
        // A at 240 V against 220 V: 5.9 % above the mean of 226.7 V
        assertThat(kinds(phases(at(10), 240, 220, 220), INCOMER, rule)).isEmpty();
        assertThat(kinds(engine.tick(at(69)), INCOMER, rule)).as("its on-delay is a minute").isEmpty();
        assertThat(kinds(engine.tick(at(70)), INCOMER, rule)).containsExactly(ConditionChange.Kind.ACTIVE);
        // A at 231 V: 3.3 % off, between the clear and the raise threshold, so nothing changes
        assertThat(kinds(phases(at(80), 231, 220, 220), INCOMER, rule)).isEmpty();
        // C low instead: a phase below the mean counts the same as one above it
        assertThat(kinds(phases(at(90), 226, 224, 222), INCOMER, rule)).as("0.9 % off").containsExactly(ConditionChange.Kind.CLEARED);
        assertThat(kinds(phases(at(100), 230, 230, 215), INCOMER, rule)).as("C 4.4 % below the mean").isEmpty();
        assertThat(kinds(engine.tick(at(160)), INCOMER, rule)).containsExactly(ConditionChange.Kind.ACTIVE);
    }

    @Test
    void phaseImbalanceIsSuppressedWhileTheBreakerIsOpen() {
        String rule = "phase-imbalance";
        phases(at(0), 240, 220, 220);
        assertThat(kinds(send(INCOMER, at(5), "breaker_closed", 0), INCOMER, rule)).containsExactly(ConditionChange.Kind.SUPPRESSED);
    }
}

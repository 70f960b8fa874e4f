package io.dutyroom.simulators.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The equipment models' behaviour, on a fake clock: steps of simulated time, no waiting. */
class ModelsTest {
    private static final Instant NIGHT = Instant.parse("2026-11-23T19:00:00Z");   // 03:00 in the estate
    private static final Instant EVENING = Instant.parse("2026-11-23T11:30:00Z"); // 19:30 in the estate
    private static final Duration STEP = Duration.ofSeconds(1);

    @Test
    void aSumpFillsWhileItsPumpsAreDownAndTheFloatClosesHigh() {
        SumpPitModel sump = new SumpPitModel(new SplittableRandom(1));
        sump.failPumps();
        sump.setInflow(0.002);
        double before = sump.level();
        Instant t = NIGHT;
        for (int i = 0; i < 900; i++) {
            t = t.plus(STEP);
            sump.step(t, STEP);
        }
        assertThat(sump.level()).isGreaterThan(before);
        assertThat(sump.values()).containsEntry("high_level_float", true).containsEntry("pump1_running", false);
    }

    @Test
    void aSumpPumpStartsAtItsLevelAndBringsTheLevelDown() {
        SumpPitModel sump = new SumpPitModel(new SplittableRandom(1));
        sump.setInflow(0.001);
        Instant t = NIGHT;
        double peak = 0;
        boolean pumped = false;
        for (int i = 0; i < 3_600; i++) {
            t = t.plus(STEP);
            sump.step(t, STEP);
            peak = Math.max(peak, sump.level());
            pumped |= (Boolean) sump.values().get("pump1_running");
        }
        assertThat(pumped).isTrue();
        assertThat(peak).isLessThan(SumpPitModel.HIGH_FLOAT);
    }

    @Test
    void aLiftNeverSkipsAFloorAndOpensOnlyWhenStopped() {
        ElevatorModel lift = new ElevatorModel(new SplittableRandom(7), -1, 18);
        Instant t = EVENING;
        int previous = lift.floor();
        int trips = 0;
        for (int i = 0; i < 7_200; i++) {
            t = t.plus(Duration.ofMillis(500));
            lift.step(t, Duration.ofMillis(500));
            Map<String, Object> v = lift.values();
            int floor = (Integer) v.get("floor");
            assertThat(Math.abs(floor - previous)).isLessThanOrEqualTo(1);
            assertThat(floor).isBetween(-1, 18);
            if ((Boolean) v.get("moving")) {
                assertThat(v.get("door_state")).isEqualTo(ElevatorModel.DOOR_CLOSED);
            }
            trips += floor != previous ? 1 : 0;
            previous = floor;
        }
        assertThat(trips).isPositive();
    }

    @Test
    void whenTheDutyPumpTripsTheStandbyTakesOverAndPressureRecovers() {
        WaterPumpSetModel pumps = new WaterPumpSetModel(new SplittableRandom(3));
        Instant t = NIGHT;
        for (int i = 0; i < 60; i++) {
            t = t.plus(STEP);
            pumps.step(t, STEP);
        }
        assertThat(pumps.values()).containsEntry("pump1_running", true).containsEntry("pump2_running", false);

        pumps.tripDutyPump();
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < 60; i++) {
            t = t.plus(STEP);
            pumps.step(t, STEP);
            lowest = Math.min(lowest, (Double) pumps.values().get("outlet_pressure"));
        }
        assertThat(lowest).as("pressure sags until the standby starts").isLessThan(0.3);
        assertThat(pumps.values()).containsEntry("pump1_fault", true).containsEntry("pump1_running", false).containsEntry("pump2_running", true);
        assertThat((Double) pumps.values().get("outlet_pressure")).isGreaterThan(0.4);
    }

    @Test
    void theStandbyPumpJoinsAtTheEveningPeakAndTheDrivesWorkHarder() {
        WaterPumpSetModel night = settled(NIGHT);
        WaterPumpSetModel evening = settled(EVENING);

        assertThat(night.values()).containsEntry("pump2_running", false);
        assertThat(evening.values()).containsEntry("pump1_running", true).containsEntry("pump2_running", true);
        assertThat((Double) evening.values().get("vfd_frequency")).isGreaterThan((Double) night.values().get("vfd_frequency") + 5);
    }

    @Test
    void theStandbyRunsThroughEachPeakWithoutShortCycling() {
        // a whole day in 1 s steps: the noisy demand crosses the start threshold many times, but the
        // standby starts once for the morning peak and once for the evening one, far below the
        // short-cycling rule's 6 starts an hour
        WaterPumpSetModel pumps = new WaterPumpSetModel(new SplittableRandom(7));
        Instant t = Instant.parse("2026-11-23T16:00:00Z"); // midnight in the estate
        boolean running = false;
        int starts = 0;
        for (int i = 0; i < 86_400; i++) {
            t = t.plus(STEP);
            pumps.step(t, STEP);
            boolean now = (Boolean) pumps.values().get("pump2_running") && (Boolean) pumps.values().get("pump1_running");
            if (now && !running) {
                starts++;
            }
            running = now;
        }
        assertThat(starts).isBetween(1, 4);
    }

    @Test
    void theSameSeedReplaysTheSameRun() {
        assertThat(run(11)).isEqualTo(run(11)).isNotEqualTo(run(12));
    }

    private static WaterPumpSetModel settled(Instant at) {
        WaterPumpSetModel pumps = new WaterPumpSetModel(new SplittableRandom(5));
        pumps.step(at, STEP);
        return pumps;
    }

    private static List<Map<String, Object>> run(long seed) {
        ElevatorModel lift = new ElevatorModel(new SplittableRandom(seed), 1, 18);
        PowerModel power = new PowerModel(new SplittableRandom(seed), 800);
        List<Map<String, Object>> out = new ArrayList<>();
        Instant t = EVENING;
        for (int i = 0; i < 300; i++) {
            t = t.plus(STEP);
            lift.step(t, STEP);
            power.step(t, STEP);
            out.add(lift.values());
            out.add(power.values());
        }
        return out;
    }

    @Test
    void anOverheatingTransformerPassesItsAlarmLimitAndTheFansBringItBackWithinAMinute() {
        PowerModel power = new PowerModel(new SplittableRandom(3), 800);
        Instant t = NIGHT;
        power.apply("over-temperature", Map.of());
        for (int i = 0; i < 40; i++) {
            t = t.plus(STEP);
            power.step(t, STEP);
        }
        assertThat((double) power.values().get("transformer_temp")).isGreaterThan(155.0);

        power.apply("clear", Map.of());
        for (int i = 0; i < 30; i++) {
            t = t.plus(STEP);
            power.step(t, STEP);
        }
        assertThat((double) power.values().get("transformer_temp")).isLessThan(110.0);
        // below the fans' threshold the windings follow the load slowly again
        double before = (double) power.values().get("transformer_temp");
        t = t.plus(STEP);
        power.step(t, STEP);
        assertThat(before - (double) power.values().get("transformer_temp")).isLessThan(1.0);
    }

    @Test
    void anEntrapmentHoldsTheCarBetweenFloorsUntilTheRescueReleasesIt() {
        ElevatorModel lift = new ElevatorModel(new SplittableRandom(7), 1, 18);
        lift.apply("entrapment", Map.of("floor", 7));
        lift.apply("alarm-button", Map.of());
        Instant t = EVENING;
        for (int i = 0; i < 600; i++) {
            t = t.plus(STEP);
            lift.step(t, STEP);
            assertThat(lift.values()).containsEntry("floor", 7).containsEntry("in_leveling_zone", false)
                    .containsEntry("door_state", ElevatorModel.DOOR_CLOSED).containsEntry("passenger_detected", true)
                    .containsEntry("alarm_button", true).containsEntry("moving", false);
        }

        lift.apply("release", Map.of());
        for (int i = 0; i < 5; i++) {
            t = t.plus(STEP);
            lift.step(t, STEP);
        }
        assertThat(lift.values()).containsEntry("floor", 7).containsEntry("in_leveling_zone", true)
                .containsEntry("door_state", ElevatorModel.DOOR_OPEN).containsEntry("alarm_button", false);
    }

    @Test
    void everyShippedDrillLoadsAndNamesFaultsItsEquipmentHas() {
        for (String id : Drill.SHIPPED) {
            Drill drill = Drill.shipped(id);
            for (Drill.Step step : drill.steps()) {
                String profile = drill.roles().get(step.role());
                SimulatedDevice device = new SimulatedDevice("s", "d", profile, List.of(1, 2, 3));
                EquipmentModel model = Models.of(device, new SplittableRandom(1)).orElseThrow();
                assertThat(model.apply(step.fault(), step.arguments())).as(id + ": " + step.fault() + " on " + profile).isTrue();
            }
        }
    }
}

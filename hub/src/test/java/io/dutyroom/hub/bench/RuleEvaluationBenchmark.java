package io.dutyroom.hub.bench;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.PointDefinition;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.rules.ConditionChange;
import io.dutyroom.hub.rules.ProfileRules;
import io.dutyroom.hub.rules.RuleCompiler;
import io.dutyroom.hub.rules.RuleEngine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rule engine's cost per durable reading batch, for each shipped profile: one device of the
 * profile, a full batch of every point with GOOD quality and healthy values (two sets, alternated,
 * so values move), the hub's clock one second on per batch. The primary score is batches per
 * second on one thread; the {@code evaluations} counter beside it is rule evaluations per second
 * on that one core, the figure to quote. Run with bench/jmh-rules.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvaluationBenchmark {
    private static final String SITE = "s1";
    private static final String DEVICE = "bench-1";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /**
     * Healthy values of every point of every shipped profile: {first set, second set}. Booleans as
     * 1 and 0. States that would start an on-delay, raise or flip a suppression are kept the same
     * in both sets, so a batch never produces a condition change after the first.
     */
    static final Map<String, Map<String, double[]>> HEALTHY = new LinkedHashMap<>();

    static {
        // a lift running between floors, then standing at a floor with its door open; nobody trapped
        HEALTHY.put("elevator", values(
                "floor", 3, 4,
                "direction", 1, 0,
                "moving", 1, 0,
                "door_state", 0, 2,
                "in_leveling_zone", 0, 1,
                "alarm_button", 0, 0,
                "passenger_detected", 0, 0,
                "fault_code", 0, 0,
                "service_mode", 0, 0,
                "run_count", 120_345, 120_346));
        // duty pump 1 running, standby 2 idle, pressure and tank in their normal bands
        HEALTHY.put("water-pump-set", values(
                "pump1_running", 1, 1,
                "pump1_fault", 0, 0,
                "pump2_running", 0, 0,
                "pump2_fault", 0, 0,
                "outlet_pressure", 0.42, 0.44,
                "tank_level", 2.60, 2.59,
                "motor_current", 31.5, 32.1,
                "vfd_frequency", 45.2, 46.0,
                "run_hours", 12_034.0, 12_034.1));
        // low level, pumps idle (high-level is suppressed by design then: one change at the first batch only)
        HEALTHY.put("sump-pit", values(
                "pump1_running", 0, 0,
                "pump1_fault", 0, 0,
                "pump2_running", 0, 0,
                "pump2_fault", 0, 0,
                "high_level_float", 0, 0,
                "water_level", 0.62, 0.64));
        // standing by in automatic, jockey pump cycling, mains pressure and pool full
        HEALTHY.put("fire-pump", values(
                "running", 0, 0,
                "fault", 0, 0,
                "auto_mode", 1, 1,
                "jockey_running", 0, 1,
                "network_pressure", 0.62, 0.61,
                "pool_level", 3.50, 3.49));
        // an incomer under load: 230 V phases within 1 %, breaker closed, transformer warm
        HEALTHY.put("power-distribution", values(
                "voltage_a", 230.1, 229.6,
                "voltage_b", 231.0, 230.4,
                "voltage_c", 229.4, 230.2,
                "current_a", 412.5, 415.0,
                "current_b", 405.2, 409.9,
                "current_c", 410.8, 408.3,
                "active_power", 281.3, 283.0,
                "reactive_power", 92.4, 93.1,
                "power_factor", 0.95, 0.95,
                "frequency", 50.01, 49.99,
                "energy", 1_823_456.7, 1_823_456.9,
                "breaker_closed", 1, 1,
                "transformer_temp", 78.5, 78.6));
        // a quiet panel: any non-zero count is an alarm or a timed rule, so both sets are the same
        HEALTHY.put("fire-alarm-panel", values(
                "zone_fire_count", 0, 0,
                "zone_fault_count", 0, 0,
                "zone_supervisory_count", 0, 0,
                "zone_disabled_count", 0, 0,
                "mains_fault", 0, 0,
                "battery_fault", 0, 0,
                "linkage_started", 0, 0,
                "linkage_feedback", 0, 0));
        // a door shut and locked, then opened by a valid card
        HEALTHY.put("access-door", values(
                "door_open", 0, 1,
                "locked", 1, 0,
                "forced_open", 0, 0,
                "held_open", 0, 0,
                "reader_online", 1, 1));
    }

    @Param({"elevator", "water-pump-set", "sump-pit", "fire-pump", "power-distribution", "fire-alarm-panel", "access-door"})
    public String profile;

    /** Rule evaluations, reported by JMH as a rate beside the primary score: evaluations per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Evaluations {
        public long evaluations;

        @Setup(Level.Iteration)
        public void reset() {
            evaluations = 0;
        }
    }

    private RuleEngine engine;
    private DeviceId device;
    private List<List<Reading>> batches;
    private Instant now;
    private int next;
    private long calls;
    private long evaluationsAtStart;
    private int rules;

    @Setup(Level.Trial)
    public void setUp() {
        ProfileCatalogue profiles = ProfileCatalogue.builtIn();
        EquipmentProfile p = profiles.find(profile).orElseThrow(() -> new IllegalArgumentException("no shipped profile " + profile));
        Map<String, ProfileRules> compiled = RuleCompiler.compile(profiles);
        EstateRegistry estate = EstateRegistry.parse(YamlDocument.read("bench-estate.yaml", ("""
                sites:
                  - id: %s
                    buildings:
                      - id: b1
                        floors: ["B1", "1"]
                        devices:
                          - {id: %s, profile: %s, floor: "1"}
                """.formatted(SITE, DEVICE, profile)).getBytes(StandardCharsets.UTF_8)), profiles);
        device = DeviceId.of(DEVICE);
        now = T0;
        engine = new RuleEngine(estate, compiled, T0);
        rules = compiled.get(profile).rules().size();

        Map<String, double[]> values = HEALTHY.get(profile);
        Set<String> points = p.points().stream().map(PointDefinition::name).collect(Collectors.toCollection(TreeSet::new));
        if (values == null || !points.equals(new TreeSet<>(values.keySet()))) {
            throw new IllegalStateException("the benchmark's healthy values of " + profile + " must name every point of the profile, "
                    + points + ", and no other; they name " + (values == null ? "none" : new TreeSet<>(values.keySet())));
        }
        batches = new ArrayList<>();
        for (int set = 0; set < 2; set++) {
            List<Reading> batch = new ArrayList<>();
            for (var e : values.entrySet()) {
                batch.add(new Reading(device, e.getKey(), T0, e.getValue()[set], Quality.GOOD));
            }
            batches.add(List.copyOf(batch));
        }

        // first batches settle the first-time changes (a design suppression on idle pumps); after
        // that a healthy device must give nothing, or the benchmark measures alarms, not rules
        for (int i = 0; i < 4; i++) {
            call();
        }
        for (int i = 0; i < 4; i++) {
            List<ConditionChange> changes = call();
            if (!changes.isEmpty()) {
                throw new IllegalStateException("healthy values of " + profile + " gave condition changes: "
                        + changes.stream().map(c -> c.rule().id() + " " + c.kind()).toList());
            }
        }
        calls = 0;
        evaluationsAtStart = engine.evaluations();
    }

    private List<ConditionChange> call() {
        now = now.plusSeconds(1);
        List<Reading> batch = batches.get(next);
        next ^= 1;
        calls++;
        return engine.readings(device, batch, now, Optional.empty());
    }

    /** One full batch of a device through its rules. */
    @Benchmark
    public List<ConditionChange> readings(Evaluations counter) {
        long before = engine.evaluations();
        List<ConditionChange> changes = call();
        counter.evaluations += engine.evaluations() - before;
        return changes;
    }

    @TearDown(Level.Trial)
    public void report() {
        long evaluations = engine.evaluations() - evaluationsAtStart;
        System.out.printf("%n[rules] profile %s: %d rules, %d points a batch, %.2f rule evaluations per batch (%d batches)%n",
                profile, rules, batches.get(0).size(), calls == 0 ? 0.0 : (double) evaluations / calls, calls);
    }

    /** point, first value, second value, point, ... */
    private static Map<String, double[]> values(Object... pointAndTwoValues) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < pointAndTwoValues.length; i += 3) {
            out.put((String) pointAndTwoValues[i],
                    new double[] {((Number) pointAndTwoValues[i + 1]).doubleValue(), ((Number) pointAndTwoValues[i + 2]).doubleValue()});
        }
        return out;
    }
}

package io.dutyroom.simulators.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An underground sump pit with two submersible pumps started in stages by level: inflow fills it,
 * pump 1 starts at the first level and stops near the bottom, pump 2 joins at the second, and the
 * high-level float closes above that. A failed pump simply does not run.
 */
final class SumpPitModel implements EquipmentModel {
    static final double START_1 = 1.2;
    static final double START_2 = 1.6;
    static final double STOP = 0.4;
    static final double HIGH_FLOAT = 1.9;
    private static final double PUMP_RATE = 0.004; // m/s of level one pump removes

    private final SplittableRandom random;
    private double level = 0.8;
    private boolean pump1Running;
    private boolean pump2Running;
    private boolean pump1Fault;
    private boolean pump2Fault;
    private double inflow; // m/s of level

    SumpPitModel(SplittableRandom random) {
        this.random = random;
    }

    void failPumps() {
        pump1Fault = true;
        pump2Fault = true;
    }

    void setInflow(double metresPerSecond) {
        inflow = metresPerSecond;
    }

    double level() {
        return level;
    }

    @Override
    public boolean apply(String fault, Map<String, Object> args) {
        switch (fault) {
            case "pump-trip" -> pump1Fault = true;
            case "sump-high-level" -> {
                failPumps();
                level = Math.max(level, START_2); // the pit was already filling when the pumps failed
                setInflow(0.01); // heavy inflow, as in a storm or a burst pipe
            }
            case "clear" -> {
                pump1Fault = false;
                pump2Fault = false;
                inflow = 0;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void step(Instant now, Duration dt) {
        double seconds = dt.toMillis() / 1000.0;
        double baseInflow = inflow > 0 ? inflow : 0.0004 + 0.0004 * DailyCurve.at(now) * random.nextDouble();
        if (level >= START_1 && !pump1Fault) {
            pump1Running = true;
        }
        if (level >= START_2 && !pump2Fault) {
            pump2Running = true;
        }
        if (level <= STOP) {
            pump1Running = false;
            pump2Running = false;
        }
        pump1Running &= !pump1Fault;
        pump2Running &= !pump2Fault;
        int running = (pump1Running ? 1 : 0) + (pump2Running ? 1 : 0);
        level = Math.max(0.1, Math.min(2.5, level + seconds * (baseInflow - running * PUMP_RATE)));
    }

    @Override
    public Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("pump1_running", pump1Running);
        v.put("pump1_fault", pump1Fault);
        v.put("pump2_running", pump2Running);
        v.put("pump2_fault", pump2Fault);
        v.put("high_level_float", level >= HIGH_FLOAT);
        v.put("water_level", WaterPumpSetModel.round(level, 2));
        return v;
    }
}

package io.dutyroom.simulators.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A 0.4 kV incomer: load follows the estate's daily curve, power factor sits around 0.9, phase
 * voltages near 230 V with a little unbalance, energy accumulates, and the transformer winding
 * warms with load.
 */
final class PowerModel implements EquipmentModel {
    private static final double FANS_ON_CELSIUS = 110.0;
    private final SplittableRandom random;
    private final double ratedKw;
    private double kw;
    private double energy = 1_250_000;
    private double temperature = 55;
    private boolean breakerClosed = true;
    private double phaseLoss = -1; // index of a lost phase, or -1
    private boolean overTemperature;
    private double voltageFactor = 1.0;

    PowerModel(SplittableRandom random, double ratedKw) {
        this.random = random;
        this.ratedKw = ratedKw;
    }

    void losePhase(int phase) {
        phaseLoss = phase;
    }

    @Override
    public boolean apply(String fault, Map<String, Object> args) {
        switch (fault) {
            case "phase-loss" -> {
                int phase = Args.integer(args, "phase", 0);
                if (phase < 0 || phase > 2) {
                    throw new IllegalArgumentException("'phase' must be 0, 1 or 2, was " + phase);
                }
                losePhase(phase);
            }
            case "power-failure" -> breakerClosed = false;
            case "under-voltage" -> voltageFactor = 0.85; // a sagging supply: about 196 V

            case "over-temperature" -> overTemperature = true;
            case "clear" -> {
                phaseLoss = -1;
                breakerClosed = true;
                voltageFactor = 1.0;
                overTemperature = false;
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
        kw = breakerClosed ? ratedKw * (0.15 + 0.6 * DailyCurve.at(now)) * (0.97 + 0.06 * random.nextDouble()) : 0;
        energy += kw * seconds / 3600.0;
        double ambientRise = overTemperature ? 165 : 50 + 45 * kw / ratedKw;
        temperature += (ambientRise - temperature) * Math.min(1, seconds / timeConstantSeconds());
    }

    /**
     * A fault heats the windings in seconds; otherwise they follow the load over ten minutes, except
     * that above 110 °C the forced-air fans run and bring them down within a minute.
     */
    private double timeConstantSeconds() {
        if (overTemperature) {
            return 10.0;
        }
        return temperature > FANS_ON_CELSIUS ? 20.0 : 600.0;
    }

    @Override
    public Map<String, Object> values() {
        double pf = 0.88 + 0.04 * (kw / ratedKw);
        double perPhaseKw = kw / 3;
        Map<String, Object> v = new LinkedHashMap<>();
        String[] phases = {"a", "b", "c"};
        double[] volts = breakerClosed ? new double[] {230.4, 229.1, 231.2} : new double[] {0, 0, 0};
        for (int i = 0; i < 3; i++) {
            boolean lost = phaseLoss == i;
            double u = lost ? 0 : volts[i] * voltageFactor + (random.nextDouble() - 0.5);
            v.put("voltage_" + phases[i], WaterPumpSetModel.round(u, 1));
            v.put("current_" + phases[i], WaterPumpSetModel.round(lost ? 0 : perPhaseKw * 1000 / (u * pf), 1));
        }
        v.put("active_power", WaterPumpSetModel.round(kw, 1));
        v.put("reactive_power", WaterPumpSetModel.round(kw * Math.tan(Math.acos(pf)), 1));
        v.put("power_factor", WaterPumpSetModel.round(pf, 3));
        v.put("frequency", WaterPumpSetModel.round(50 + (random.nextDouble() - 0.5) * 0.04, 2));
        v.put("energy", WaterPumpSetModel.round(energy, 1));
        v.put("breaker_closed", breakerClosed);
        v.put("transformer_temp", WaterPumpSetModel.round(temperature, 1));
        return v;
    }
}

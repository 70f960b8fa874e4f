package io.dutyroom.simulators.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A constant-pressure booster set: the duty pump's drive speeds up with demand to hold the outlet
 * pressure; at peaks the standby pump joins; the pumps swap duty every day. A tripped pump stops,
 * and pressure sags until the other takes over.
 */
final class WaterPumpSetModel implements EquipmentModel {
    private static final double SETPOINT = 0.45; // MPa
    private static final double STANDBY_DELAY_SECONDS = 8;
    private final SplittableRandom random;
    private boolean pump1Duty = true;
    private boolean pump1Running;
    private boolean pump2Running;
    private boolean pump1Fault;
    private boolean pump2Fault;
    private double pressure = SETPOINT;
    private double frequency = 30;
    private double tankLevel = 3.2;
    private double runHours = 12_000;
    private long lastSwapDay = -1;
    private double dutyLostSeconds; // how long the duty pump has been unavailable: the standby needs a moment
    private boolean peakAssist; // the standby runs beside the duty pump through a demand peak

    WaterPumpSetModel(SplittableRandom random) {
        this.random = random;
    }

    /** A fault injection: the duty pump trips. */
    void tripDutyPump() {
        if (pump1Duty) {
            pump1Fault = true;
        } else {
            pump2Fault = true;
        }
    }

    @Override
    public boolean apply(String fault, Map<String, Object> args) {
        switch (fault) {
            case "pump-trip" -> tripDutyPump();
            case "pressure-loss" -> {
                pump1Fault = true;
                pump2Fault = true;
            }
            case "clear" -> {
                pump1Fault = false;
                pump2Fault = false;
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
        long day = now.getEpochSecond() / 86_400;
        if (day != lastSwapDay) {
            pump1Duty = lastSwapDay < 0 ? pump1Duty : !pump1Duty;
            lastSwapDay = day;
        }
        double demand = DailyCurve.at(now) * (0.95 + 0.1 * random.nextDouble()); // 0..~1
        boolean dutyAvailable = pump1Duty ? !pump1Fault : !pump2Fault;
        boolean standbyAvailable = pump1Duty ? !pump2Fault : !pump1Fault;
        dutyLostSeconds = dutyAvailable ? 0 : dutyLostSeconds + seconds;
        // after a trip the standby starts only once the controller has seen the duty pump fail
        // a real controller starts the standby for a peak above 85 % demand and stops it only below
        // 75 %; without that band the noisy demand would start and stop it every step near the
        // threshold, which is short cycling (and the short-cycling rule would say so)
        peakAssist = peakAssist ? demand >= 0.75 : demand > 0.85;
        boolean needStandby = peakAssist || (!dutyAvailable && dutyLostSeconds >= STANDBY_DELAY_SECONDS);
        pump1Running = pump1Duty ? dutyAvailable : needStandby && standbyAvailable;
        pump2Running = pump1Duty ? needStandby && standbyAvailable : dutyAvailable;
        int running = (pump1Running ? 1 : 0) + (pump2Running ? 1 : 0);
        double target = running == 0 ? 0.08 : SETPOINT - (running == 1 && demand > 0.85 ? 0.05 : 0);
        pressure += (target - pressure) * Math.min(1, seconds / 5.0) + (random.nextDouble() - 0.5) * 0.004;
        frequency = running == 0 ? 0 : Math.min(50, 28 + 22 * demand / running);
        tankLevel = Math.max(0.5, Math.min(4.0, tankLevel + seconds * (0.00002 - 0.00004 * demand)));
        runHours += seconds / 3600.0 * running;
    }

    @Override
    public Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("pump1_running", pump1Running);
        v.put("pump1_fault", pump1Fault);
        v.put("pump2_running", pump2Running);
        v.put("pump2_fault", pump2Fault);
        v.put("outlet_pressure", round(pressure, 3));
        v.put("tank_level", round(tankLevel, 2));
        v.put("motor_current", round(frequency == 0 ? 0 : 8 + frequency * 0.35, 1));
        v.put("vfd_frequency", round(frequency, 2));
        v.put("run_hours", round(runHours, 1));
        return v;
    }

    static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}

package io.dutyroom.simulators.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A lift answering calls: it waits at a landing with the door open, closes, travels floor by floor
 * (one floor every two seconds, never skipping one), levels, and opens again. Calls come more often
 * at busy hours. The run count goes up with every trip.
 */
final class ElevatorModel implements EquipmentModel {
    static final int DOOR_CLOSED = 0;
    static final int DOOR_OPENING = 1;
    static final int DOOR_OPEN = 2;
    static final int DOOR_CLOSING = 3;
    private static final double SECONDS_PER_FLOOR = 2.0;
    private static final double DOOR_SECONDS = 2.0;
    private static final double DWELL_SECONDS = 6.0;

    private final SplittableRandom random;
    private final int lowest;
    private final int highest;
    private int floor = 1;
    private int target = 1;
    private int door = DOOR_CLOSED;
    private double phaseSeconds; // time spent in the current motion or door phase
    private boolean passenger;
    private long runCount = 48_200;
    private boolean stuck;        // stopped between floors: the entrapment fault
    private boolean alarmButton;
    private int faultCode;

    ElevatorModel(SplittableRandom random, int lowest, int highest) {
        this.random = random;
        this.lowest = lowest;
        this.highest = highest;
    }

    int floor() {
        return floor;
    }

    @Override
    public boolean apply(String fault, Map<String, Object> args) {
        switch (fault) {
            case "entrapment" -> {
                int at = Args.integer(args, "floor", floor);
                stuck = true;
                floor = at;
                target = floor + 1; // between this floor and the next, outside the leveling zone
                door = DOOR_CLOSED;
                passenger = true;
                faultCode = 18; // stop outside the leveling zone
            }
            case "alarm-button" -> alarmButton = true;
            case "door-fault" -> faultCode = 7; // door will not close
            case "release", "clear" -> {
                stuck = false;
                alarmButton = false;
                faultCode = 0;
                target = floor; // levels at the floor below and opens: the rescue
                door = DOOR_OPENING;
                phaseSeconds = 0;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void step(Instant now, Duration dt) {
        if (stuck) {
            return;
        }
        double remaining = dt.toMillis() / 1000.0;
        while (remaining > 0) {
            double slice = Math.min(remaining, 0.5);
            remaining -= slice;
            advance(slice, now);
        }
    }

    private void advance(double seconds, Instant now) {
        phaseSeconds += seconds;
        if (floor != target && door == DOOR_CLOSED) {
            if (phaseSeconds >= SECONDS_PER_FLOOR) {
                phaseSeconds -= SECONDS_PER_FLOOR;
                floor += Integer.signum(target - floor);
                if (floor == target) {
                    door = DOOR_OPENING;
                    phaseSeconds = 0;
                }
            }
            return;
        }
        switch (door) {
            case DOOR_OPENING -> {
                if (phaseSeconds >= DOOR_SECONDS) {
                    door = DOOR_OPEN;
                    phaseSeconds = 0;
                    passenger = random.nextDouble() < 0.5;
                }
            }
            case DOOR_OPEN -> {
                if (phaseSeconds >= DWELL_SECONDS) {
                    door = DOOR_CLOSING;
                    phaseSeconds = 0;
                }
            }
            case DOOR_CLOSING -> {
                if (phaseSeconds >= DOOR_SECONDS) {
                    door = DOOR_CLOSED;
                    phaseSeconds = 0;
                }
            }
            default -> {
                // idle and closed: a new call comes more often at busy hours
                if (random.nextDouble() < seconds * (0.02 + 0.2 * DailyCurve.at(now))) {
                    int next = lowest + random.nextInt(highest - lowest + 1);
                    if (next == 0) {
                        next = 1;
                    }
                    if (next != floor) {
                        target = next;
                        phaseSeconds = 0;
                        runCount++;
                    } else {
                        door = DOOR_OPENING;
                        phaseSeconds = 0;
                    }
                } else {
                    passenger = false;
                }
            }
        }
    }

    @Override
    public Map<String, Object> values() {
        boolean moving = !stuck && floor != target && door == DOOR_CLOSED;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("floor", floor);
        v.put("direction", !moving ? 0 : target > floor ? 1 : 2);
        v.put("moving", moving);
        v.put("door_state", door);
        v.put("in_leveling_zone", !stuck && (!moving || phaseSeconds < 0.2));
        v.put("alarm_button", alarmButton);
        v.put("passenger_detected", passenger || moving);
        v.put("fault_code", faultCode);
        v.put("service_mode", 0);
        v.put("run_count", runCount);
        return v;
    }
}

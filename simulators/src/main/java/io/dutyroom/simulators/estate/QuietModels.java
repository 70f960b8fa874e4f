package io.dutyroom.simulators.estate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Equipment that mostly sits quiet: the fire pump set, the fire alarm panel, an access-controlled door. */
final class QuietModels {
    private QuietModels() {
    }

    /** A fire pump in automatic, the jockey pump topping up the network pressure now and then. */
    static final class FirePump implements EquipmentModel {
        private final SplittableRandom random;
        private double pressure = 0.62;
        private boolean jockey;

        FirePump(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public boolean apply(String fault, Map<String, Object> args) {
            return fault.equals("clear"); // nothing to clear: it has no faults of its own yet
        }

        @Override
        public void step(Instant now, Duration dt) {
            double seconds = dt.toMillis() / 1000.0;
            pressure += seconds * (jockey ? 0.004 : -0.0002) + (random.nextDouble() - 0.5) * 0.001;
            if (pressure < 0.58) {
                jockey = true;
            } else if (pressure > 0.65) {
                jockey = false;
            }
        }

        @Override
        public Map<String, Object> values() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("running", false);
            v.put("fault", false);
            v.put("auto_mode", true);
            v.put("jockey_running", jockey);
            v.put("network_pressure", WaterPumpSetModel.round(pressure, 3));
            v.put("pool_level", 3.8);
            return v;
        }
    }

    /**
     * A fire alarm panel: quiet, but now and then (about once in three days) a detector reports a
     * fault for a few minutes, as dust and damp make them do; fires come only from injection and drills.
     */
    static final class FirePanel implements EquipmentModel {
        private static final double FAULTS_PER_SECOND = 1.0 / (3 * 86_400);
        private final SplittableRandom random;
        private final List<SimEvent> events = new ArrayList<>();
        private double transientFaultSeconds;
        private int fires;
        private int faults;
        private Instant now = Instant.EPOCH;

        @Override
        public boolean apply(String fault, Map<String, Object> args) {
            String zone = Args.text(args, "zone", "Z01");
            switch (fault) {
                case "fire-alarm" -> {
                    boolean real = Args.bool(args, "real", false);
                    fires++;
                    events.add(new SimEvent(now, "zone.fire", Map.of("zone", zone, "confirmed", real)));
                }
                case "panel-fault" -> {
                    faults++;
                    events.add(new SimEvent(now, "zone.fault", Map.of("zone", zone)));
                }
                case "clear" -> {
                    fires = 0;
                    faults = 0;
                    events.add(new SimEvent(now, "panel.reset", Map.of()));
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        FirePanel(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public void step(Instant now, Duration dt) {
            this.now = now;
            double seconds = dt.toMillis() / 1000.0;
            if (transientFaultSeconds > 0) {
                transientFaultSeconds -= seconds;
                if (transientFaultSeconds <= 0) {
                    faults = Math.max(0, faults - 1);
                    events.add(new SimEvent(now, "zone.fault-cleared", Map.of("zone", "Z03")));
                }
            } else if (random.nextDouble() < seconds * FAULTS_PER_SECOND) {
                transientFaultSeconds = 120 + random.nextInt(480);
                faults++;
                events.add(new SimEvent(now, "zone.fault", Map.of("zone", "Z03")));
            }
        }

        @Override
        public List<SimEvent> drainEvents() {
            List<SimEvent> out = List.copyOf(events);
            events.clear();
            return out;
        }

        @Override
        public Map<String, Object> values() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("zone_fire_count", fires);
            v.put("zone_fault_count", faults);
            v.put("zone_supervisory_count", 0);
            v.put("zone_disabled_count", 0);
            v.put("mains_fault", false);
            v.put("battery_fault", false);
            v.put("linkage_started", fires > 0);
            v.put("linkage_feedback", false);
            return v;
        }
    }

    /** An entrance door: residents swipe, the lock releases, the door opens for a few seconds. */
    static final class AccessDoor implements EquipmentModel {
        private final SplittableRandom random;
        private final List<SimEvent> events = new ArrayList<>();
        private double openSeconds;
        private boolean forced;
        private boolean held;
        private Instant now = Instant.EPOCH;

        AccessDoor(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public boolean apply(String fault, Map<String, Object> args) {
            switch (fault) {
                case "door-forced" -> {
                    forced = true;
                    events.add(new SimEvent(now, "door.forced", Map.of()));
                }
                case "door-held" -> {
                    held = true;
                    events.add(new SimEvent(now, "door.held", Map.of()));
                }
                case "clear" -> {
                    forced = false;
                    held = false;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void step(Instant now, Duration dt) {
            this.now = now;
            double seconds = dt.toMillis() / 1000.0;
            openSeconds = Math.max(0, openSeconds - seconds);
            if (random.nextDouble() < seconds * 0.05 * (0.2 + DailyCurve.at(now))) {
                String card = String.format("%06d", random.nextInt(1_000_000));
                boolean granted = random.nextDouble() < 0.95;
                events.add(new SimEvent(now, granted ? "card.granted" : "card.denied", Map.of("card", card)));
                if (granted) {
                    openSeconds = 4;
                }
            }
        }

        @Override
        public Map<String, Object> values() {
            Map<String, Object> v = new LinkedHashMap<>();
            boolean open = openSeconds > 0 || forced || held;
            v.put("door_open", open);
            v.put("locked", !open);
            v.put("forced_open", forced);
            v.put("held_open", held);
            v.put("reader_online", true);
            return v;
        }

        @Override
        public List<SimEvent> drainEvents() {
            List<SimEvent> out = List.copyOf(events);
            events.clear();
            return out;
        }
    }
}

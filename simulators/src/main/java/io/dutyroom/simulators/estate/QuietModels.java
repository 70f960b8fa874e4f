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

    /** A fire alarm panel with nothing to report. */
    static final class FirePanel implements EquipmentModel {
        @Override
        public void step(Instant now, Duration dt) {
            // quiet: faults and fires come from injection and drills
        }

        @Override
        public Map<String, Object> values() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("zone_fire_count", 0);
            v.put("zone_fault_count", 0);
            v.put("zone_supervisory_count", 0);
            v.put("zone_disabled_count", 0);
            v.put("mains_fault", false);
            v.put("battery_fault", false);
            v.put("linkage_started", false);
            v.put("linkage_feedback", false);
            return v;
        }
    }

    /** An entrance door: residents swipe, the lock releases, the door opens for a few seconds. */
    static final class AccessDoor implements EquipmentModel {
        private final SplittableRandom random;
        private final List<SimEvent> events = new ArrayList<>();
        private double openSeconds;

        AccessDoor(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public void step(Instant now, Duration dt) {
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
            v.put("door_open", openSeconds > 0);
            v.put("locked", openSeconds == 0);
            v.put("forced_open", false);
            v.put("held_open", false);
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

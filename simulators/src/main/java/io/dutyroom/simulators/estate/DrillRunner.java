package io.dutyroom.simulators.estate;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a drill against a simulated estate: binds its roles to devices, schedules its steps, marks
 * every message of those devices with the drill id from the first step until a period after the
 * last, then clears their faults.
 */
public final class DrillRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DrillRunner.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private DrillRunner() {
    }

    /** Starts the drill; returns its id ({@code <scenario>-<UTC time>}), which marks its traffic. */
    public static String start(SimulatedEstate estate, Drill drill, Map<String, String> devicesByRole, Clock clock) {
        return start(estate, drill, devicesByRole, clock, Duration.ofSeconds(10));
    }

    /** As {@link #start(SimulatedEstate, Drill, Map, Clock)}, marking traffic for {@code tail} after the last step. */
    public static String start(SimulatedEstate estate, Drill drill, Map<String, String> devicesByRole, Clock clock, Duration tail) {
        Map<String, String> bound = new HashMap<>();
        drill.roles().forEach((role, profile) -> {
            String device = devicesByRole.containsKey(role) ? devicesByRole.get(role)
                    : estate.firstOf(profile).orElseThrow(() -> new IllegalArgumentException(
                            "drill " + drill.id() + " needs a " + profile + " for its role '" + role + "', and the estate has none"));
            if (!estate.profileOf(device).map(profile::equals).orElse(false)) {
                throw new IllegalArgumentException("drill " + drill.id() + ": role '" + role + "' needs a " + profile + ", and '" + device + "' is not one");
            }
            bound.put(role, device);
        });
        String drillId = drill.id() + "-" + STAMP.format(clock.instant());
        for (Drill.Step step : drill.steps()) {
            String device = bound.get(step.role());
            if (device == null) {
                throw new IllegalArgumentException("drill " + drill.id() + ": step names unknown role '" + step.role() + "'");
            }
            estate.ticker().schedule(() -> {
                try {
                    estate.inject(device, step.fault(), step.arguments(), drillId);
                } catch (RuntimeException e) {
                    LOG.error("drill {}: step {} on {} failed: {}", drillId, step.fault(), device, e.getMessage());
                }
            }, step.offset().toMillis(), TimeUnit.MILLISECONDS);
        }
        long end = drill.length().plus(tail).toMillis();
        estate.ticker().schedule(() -> {
            try {
                for (String device : bound.values()) {
                    try {
                        estate.inject(device, "clear", Map.of(), null);
                    } catch (RuntimeException e) {
                        LOG.error("drill {}: clearing {} failed: {}", drillId, device, e.getMessage());
                    }
                }
            } finally {
                estate.endDrill(drillId);
                LOG.info("drill {} ended", drillId);
            }
        }, end, TimeUnit.MILLISECONDS);
        LOG.info("drill {} started: {}", drillId, bound);
        return drillId;
    }
}

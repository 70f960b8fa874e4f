package io.dutyroom.simulators.estate;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final Duration TAIL = Duration.ofSeconds(10);

    private DrillRunner() {
    }

    /**
     * Where a drill runs: in one building (of one site, when building ids repeat across sites), or,
     * with no building, wherever the first device of each role's profile is.
     */
    public record Place(Optional<String> site, Optional<String> building) {
        public static final Place ANYWHERE = new Place(Optional.empty(), Optional.empty());
    }

    /** A started drill: its id, which marks its traffic, and the device that plays each role. */
    public record Started(String id, Map<String, String> devices) {
    }

    /**
     * The drill cannot run where it was asked to: the building has no device its roles need. The
     * request was well formed, so the control API answers 409, not 400.
     */
    public static final class Unfit extends RuntimeException {
        Unfit(String message) {
            super(message);
        }
    }

    /** Starts the drill; returns its id ({@code <scenario>-<UTC time>}), which marks its traffic. */
    public static String start(SimulatedEstate estate, Drill drill, Map<String, String> devicesByRole, Clock clock) {
        return start(estate, drill, devicesByRole, Place.ANYWHERE, clock, TAIL).id();
    }

    /** As {@link #start(SimulatedEstate, Drill, Map, Clock)}, marking traffic for {@code tail} after the last step. */
    public static String start(SimulatedEstate estate, Drill drill, Map<String, String> devicesByRole, Clock clock, Duration tail) {
        return start(estate, drill, devicesByRole, Place.ANYWHERE, clock, tail).id();
    }

    /**
     * Starts the drill in a place: each role is played by the device {@code devicesByRole} names, or
     * else by the first simulated device of its profile there. An unknown building or a device that
     * does not fit its role is an {@link IllegalArgumentException}; a building without the equipment
     * a role needs is {@link Unfit}.
     */
    public static Started start(SimulatedEstate estate, Drill drill, Map<String, String> devicesByRole, Place place, Clock clock, Duration tail) {
        Map<String, String> bound = bind(estate, drill, devicesByRole, place);
        for (Drill.Step step : drill.steps()) {
            if (!bound.containsKey(step.role())) { // checked before any step is scheduled
                throw new IllegalArgumentException("drill " + drill.id() + ": step names unknown role '" + step.role() + "'");
            }
        }
        String stamp = STAMP.format(clock.instant());
        String drillId = estate.claimDrillId(drill.id() + "-" + stamp, stamp);
        for (Drill.Step step : drill.steps()) {
            String device = bound.get(step.role());
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
        return new Started(drillId, Map.copyOf(bound));
    }

    private static Map<String, String> bind(SimulatedEstate estate, Drill drill, Map<String, String> devicesByRole, Place place) {
        Optional<String> site = place.site();
        place.building().ifPresent(building -> {
            Set<String> sites = estate.sitesWithBuilding(building);
            if (site.isPresent() ? !sites.contains(site.get()) : sites.isEmpty()) {
                throw new IllegalArgumentException("no building '" + building + "'" + site.map(s -> " in site '" + s + "'").orElse("")
                        + " in the simulated estate");
            }
            if (site.isEmpty() && sites.size() > 1) {
                throw new IllegalArgumentException("building '" + building + "' is in several sites (" + String.join(", ", sites) + "); say which with 'site'");
            }
        });
        Map<String, String> bound = new LinkedHashMap<>();
        drill.roles().forEach((role, profile) -> {
            String device;
            if (devicesByRole.containsKey(role)) {
                device = devicesByRole.get(role);
                if (place.building().isPresent() && !estate.isIn(device, site, place.building().get())) {
                    throw new IllegalArgumentException("drill " + drill.id() + ": '" + device + "' is not a simulated device of building '"
                            + place.building().get() + "'");
                }
            } else if (place.building().isPresent()) {
                String building = place.building().get();
                device = estate.firstOf(profile, site, building).orElseThrow(() -> new Unfit("building '" + building
                        + "' has no simulated " + profile + " for the role '" + role + "' of drill " + drill.id()));
            } else {
                device = estate.firstOf(profile).orElseThrow(() -> new Unfit(
                        "drill " + drill.id() + " needs a " + profile + " for its role '" + role + "', and the estate has none"));
            }
            if (!estate.profileOf(device).map(profile::equals).orElse(false)) {
                throw new IllegalArgumentException("drill " + drill.id() + ": role '" + role + "' needs a " + profile + ", and '" + device + "' is not one");
            }
            bound.put(role, device);
        });
        return bound;
    }
}

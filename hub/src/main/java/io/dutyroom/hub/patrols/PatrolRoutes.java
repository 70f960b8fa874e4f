package io.dutyroom.hub.patrols;

import io.dutyroom.adapters.yaml.YamlDocument;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The estate's patrol routes (巡查路线) and when they are walked. Turns the windows' daily patterns
 * into rounds: which rounds are due to be judged in an interval, and which round a scan belongs to.
 * Checkpoint ids are unique across all routes, so a scan's checkpoint names its route. Immutable
 * after load.
 */
public final class PatrolRoutes {
    private static final String DEMO = "patrols/routes-demo.yaml";

    private final ZoneId zone;
    private final List<PatrolRoute> routes;
    private final Map<String, PatrolRoute> byId;
    private final Map<String, PatrolRoute> byCheckpoint;

    PatrolRoutes(ZoneId zone, List<PatrolRoute> routes) {
        this.zone = zone;
        this.routes = List.copyOf(routes);
        Map<String, PatrolRoute> ids = new LinkedHashMap<>();
        Map<String, PatrolRoute> checkpoints = new HashMap<>();
        for (PatrolRoute route : routes) {
            ids.put(route.id(), route);
            route.checkpoints().forEach(c -> checkpoints.put(c.id(), route));
        }
        this.byId = Map.copyOf(ids);
        this.byCheckpoint = Map.copyOf(checkpoints);
    }

    /** Reads and checks a patrol file; every problem is reported with its file and line. */
    public static PatrolRoutes load(YamlDocument doc) {
        return PatrolRoutesReader.read(doc);
    }

    /** No routes, for a hub run without patrols: no round is ever due and no scan belongs anywhere. */
    public static PatrolRoutes empty() {
        return new PatrolRoutes(ZoneId.of("UTC"), List.of());
    }

    /** The routes of the demo estate, shipped as {@code patrols/routes-demo.yaml}. */
    public static PatrolRoutes demo() {
        InputStream in = PatrolRoutes.class.getClassLoader().getResourceAsStream(DEMO);
        if (in == null) {
            throw new IllegalStateException(DEMO + " is missing from the jar");
        }
        return load(YamlDocument.read(DEMO, in));
    }

    /** The time zone the window times are read in. */
    public ZoneId zone() {
        return zone;
    }

    /** Every route, in file order. */
    public List<PatrolRoute> routes() {
        return routes;
    }

    public Optional<PatrolRoute> route(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The route of {@code site} that has this checkpoint; empty for an unknown checkpoint or one of another site. */
    public Optional<PatrolRoute> routeOf(String site, String checkpointId) {
        return Optional.ofNullable(byCheckpoint.get(checkpointId)).filter(r -> r.site().equals(site));
    }

    /**
     * The rounds judged (window end plus late grace) after {@code fromExclusive} and no later than
     * {@code toInclusive}, in the order they are judged: the rounds a periodic check must judge now.
     * Consecutive intervals therefore judge every round exactly once.
     */
    public List<PatrolRound> roundsClosingBetween(Instant fromExclusive, Instant toInclusive) {
        if (!toInclusive.isAfter(fromExclusive)) {
            return List.of();
        }
        List<PatrolRound> found = new ArrayList<>();
        for (PatrolRoute route : routes) {
            // a round is judged at most two days (a window across midnight) plus its late grace after the day it starts
            LocalDate first = day(fromExclusive.minus(route.lateGrace())).minusDays(2);
            rounds(route, first, day(toInclusive),
                    r -> r.judgedAt().isAfter(fromExclusive) && !r.judgedAt().isAfter(toInclusive), found);
        }
        // stable: rounds judged at the same moment stay in file order
        found.sort(Comparator.comparing(PatrolRound::judgedAt));
        return found;
    }

    /**
     * The rounds of {@code site} that a scan at {@code t} counts for: those with {@code t} from the
     * early margin before the window opens until the late grace after it closes. At most one per route,
     * as the windows of a route do not overlap; ordered by when they open.
     */
    public List<PatrolRound> roundsAt(Instant t, String site) {
        List<PatrolRound> found = new ArrayList<>();
        for (PatrolRoute route : routes) {
            if (route.site().equals(site)) {
                rounds(route, day(t.minus(route.lateGrace())).minusDays(2), day(t.plus(route.early())),
                        r -> !t.isBefore(r.earliest()) && t.isBefore(r.judgedAt()), found);
            }
        }
        found.sort(Comparator.comparing(PatrolRound::opens));
        return found;
    }

    /** Adds the rounds of {@code route} starting on a day from {@code first} to {@code last} that {@code keep} accepts. */
    private void rounds(PatrolRoute route, LocalDate first, LocalDate last, Predicate<PatrolRound> keep, List<PatrolRound> into) {
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (PatrolWindow window : route.windows()) {
                if (window.startsOn(day.getDayOfWeek())) {
                    LocalDate endDay = window.crossesMidnight() ? day.plusDays(1) : day;
                    Instant opens = ZonedDateTime.of(day, window.start(), zone).toInstant();
                    Instant closes = ZonedDateTime.of(endDay, window.end(), zone).toInstant();
                    // a window that lies wholly in the hour skipped when clocks go forward has no round that day
                    if (!closes.isAfter(opens)) {
                        continue;
                    }
                    PatrolRound round = new PatrolRound(route, opens, closes);
                    if (keep.test(round)) {
                        into.add(round);
                    }
                }
            }
        }
    }

    private LocalDate day(Instant t) {
        return t.atZone(zone).toLocalDate();
    }
}

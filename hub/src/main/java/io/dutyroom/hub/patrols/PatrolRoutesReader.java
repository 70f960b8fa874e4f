package io.dutyroom.hub.patrols;

import io.dutyroom.hub.config.YamlNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.dutyroom.adapters.model.PointName;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.yaml.Durations;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a patrol file and checks everything in it, so that the operator sees every mistake at once,
 * each with its file and line, and the hub never runs with a route that cannot be judged.
 */
final class PatrolRoutesReader {
    static final Duration DEFAULT_EARLY = Duration.ofMinutes(15);
    static final Duration DEFAULT_LATE_GRACE = Duration.ofMinutes(30);
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.of(
            "mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY, "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY,
            "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    private static final String ID_RULE = "1-64 letters, digits, '.', '_' or '-'";

    private final YamlDocument doc;
    private final Problems problems = new Problems();
    private final Set<String> routeIds = new HashSet<>();
    /** checkpoint id → the route that declared it first, to name it when the id comes again */
    private final Map<String, String> checkpointRoutes = new HashMap<>();

    private PatrolRoutesReader(YamlDocument doc) {
        this.doc = doc;
    }

    static PatrolRoutes read(YamlDocument doc) {
        return new PatrolRoutesReader(doc).read();
    }

    private PatrolRoutes read() {
        RoutesFile file = doc.bind("", RoutesFile.class);
        ZoneId zone = zone(file.timeZone());
        if (file.routes().isEmpty()) {
            problems.at(doc, "/routes", "a patrol file needs at least one route");
        }
        List<PatrolRoute> routes = new ArrayList<>();
        for (int i = 0; i < file.routes().size(); i++) {
            route("/routes/" + i, file.routes().get(i)).ifPresent(routes::add);
        }
        problems.throwIfAny();
        return new PatrolRoutes(zone, routes);
    }

    private ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            problems.at(doc, "/timeZone", "a patrol file needs a time zone, e.g. Asia/Shanghai");
            return ZoneId.of("UTC");
        }
        try {
            ZoneId zone = ZoneId.of(text.trim());
            // the report buckets days in the database, which reads a bare offset with the sign reversed
            if (zone.normalized() instanceof java.time.ZoneOffset && !zone.getId().equals("UTC") && !zone.getId().equals("Z")) {
                problems.at(doc, "/timeZone", "'" + text + "' is an offset; use a region name like Asia/Shanghai (or UTC)");
                return ZoneId.of("UTC");
            }
            return zone;
        } catch (DateTimeException e) {
            problems.at(doc, "/timeZone", "unknown time zone '" + text + "'; use a name like Asia/Shanghai");
            return ZoneId.of("UTC");
        }
    }

    private Optional<PatrolRoute> route(String at, RouteEntry e) {
        if (e == null) {
            problems.at(doc, at, "an empty entry; a route needs an id, site, windows and checkpoints");
            return Optional.empty();
        }
        int before = problems.count();
        if (!PointName.isValid(e.id())) {
            problems.at(doc, at + "/id", "a route needs an id of " + ID_RULE);
        } else if (!routeIds.add(e.id())) {
            problems.at(doc, at + "/id", "route '" + e.id() + "' is declared twice");
        }
        if (!SiteId.isValid(e.site())) {
            problems.at(doc, at + "/site", e.site() == null
                    ? "a route needs the id of its site in the estate registry, e.g. riverside"
                    : "site id '" + e.site() + "' must be " + ID_RULE);
        }
        LocalizedText name = name(at + "/name", e.name(), e.id());
        Optional<Duration> early = margin(at + "/early", e.early(), DEFAULT_EARLY);
        Optional<Duration> lateGrace = margin(at + "/lateGrace", e.lateGrace(), DEFAULT_LATE_GRACE);
        List<WindowOverlaps.Numbered> windows = windows(at + "/windows", e.windows());
        // a checkpoint's due time must fall within every round of its route, so within the shortest window
        Optional<Duration> shortest = windows.stream().map(w -> w.window().length()).min(Duration::compareTo);
        List<Checkpoint> checkpoints = checkpoints(at + "/checkpoints", e.checkpoints(), e.id(), shortest);
        if (early.isPresent() && lateGrace.isPresent() && windows.size() == e.windows().size()) {
            WindowOverlaps.check(windows, early.get(), lateGrace.get())
                    .forEach(m -> problems.at(doc, at + "/windows/" + m.getKey(), m.getValue()));
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new PatrolRoute(e.id(), e.site(), name, e.ordered() == null || e.ordered(), checkpoints,
                windows.stream().map(WindowOverlaps.Numbered::window).toList(), early.get(), lateGrace.get()));
    }

    /** The windows that could be read; fewer than written when some could not. */
    private List<WindowOverlaps.Numbered> windows(String at, List<WindowEntry> entries) {
        if (entries.isEmpty()) {
            problems.at(doc, at, "a route needs at least one window, e.g. {start: \"09:30\", end: \"12:00\"}");
        }
        List<WindowOverlaps.Numbered> windows = new ArrayList<>();
        for (int j = 0; j < entries.size(); j++) {
            String windowAt = at + "/" + j;
            WindowEntry w = entries.get(j);
            if (w == null) {
                problems.at(doc, windowAt, "an empty entry; a window needs a start and an end");
                continue;
            }
            Optional<LocalTime> start = time(windowAt + "/start", w.start());
            Optional<LocalTime> end = time(windowAt + "/end", w.end());
            Optional<Set<DayOfWeek>> days = days(windowAt + "/days", w.days());
            if (start.isPresent() && end.isPresent() && start.get().equals(end.get())) {
                problems.at(doc, windowAt, "starts and ends at " + start.get() + "; a window needs a length "
                        + "(an end before the start means it ends the next day)");
            } else if (start.isPresent() && end.isPresent() && days.isPresent()) {
                windows.add(new WindowOverlaps.Numbered(j, new PatrolWindow(start.get(), end.get(), days.get())));
            }
        }
        return windows;
    }

    private Optional<LocalTime> time(String at, String text) {
        if (text == null) {
            problems.at(doc, at, "missing; give a time like \"09:30\"");
            return Optional.empty();
        }
        if (text.trim().equals("24:00")) {
            return Optional.of(LocalTime.MIDNIGHT);
        }
        try {
            return Optional.of(LocalTime.parse(text.trim()));
        } catch (DateTimeParseException e) {
            problems.at(doc, at, "'" + text + "' is not a time like \"09:30\"");
            return Optional.empty();
        }
    }

    /** The weekdays a window starts on; empty for every day. */
    private Optional<Set<DayOfWeek>> days(String at, List<String> texts) {
        if (texts == null) {
            return Optional.of(Set.of());
        }
        if (texts.isEmpty()) {
            problems.at(doc, at, "an empty list; leave days out for every day");
            return Optional.empty();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean valid = true;
        for (int k = 0; k < texts.size(); k++) {
            String text = texts.get(k);
            DayOfWeek day = text == null ? null : WEEKDAYS.get(text.trim().toLowerCase(Locale.ROOT));
            if (day == null) {
                problems.at(doc, at + "/" + k, "unknown weekday '" + text + "'; use mon, tue, wed, thu, fri, sat or sun");
                valid = false;
            } else {
                days.add(day);
            }
        }
        return valid ? Optional.of(days) : Optional.empty();
    }

    private Optional<Duration> margin(String at, String text, Duration absent) {
        if (text == null) {
            return Optional.of(absent);
        }
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty()) {
            problems.at(doc, at, "'" + text + "' is not a duration like 15m, 30m or 1h");
        } else if (d.get().isNegative()) {
            problems.at(doc, at, "must not be negative (was '" + text + "'); 0 turns the margin off");
            return Optional.empty();
        }
        return d;
    }

    private List<Checkpoint> checkpoints(String at, List<CheckpointEntry> entries, String routeId, Optional<Duration> shortestWindow) {
        if (entries.isEmpty()) {
            problems.at(doc, at, "a route needs at least one checkpoint");
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int j = 0; j < entries.size(); j++) {
            String checkpointAt = at + "/" + j;
            CheckpointEntry c = entries.get(j);
            if (c == null) {
                problems.at(doc, checkpointAt, "an empty entry; a checkpoint needs an id and a building");
                continue;
            }
            int before = problems.count();
            if (!PointName.isValid(c.id())) {
                problems.at(doc, checkpointAt + "/id", "a checkpoint needs an id of " + ID_RULE);
            } else if (checkpointRoutes.containsKey(c.id())) {
                problems.at(doc, checkpointAt + "/id", "checkpoint '" + c.id() + "' is declared twice (first in route '"
                        + checkpointRoutes.get(c.id()) + "'); a checkpoint id names one place in the whole file");
            } else {
                checkpointRoutes.put(c.id(), String.valueOf(routeId));
            }
            LocalizedText name = name(checkpointAt + "/name", c.name(), c.id());
            if (blank(c.building())) {
                problems.at(doc, checkpointAt + "/building", "a checkpoint needs the id of its building, e.g. t1");
            }
            if (c.floor() != null && c.floor().isBlank()) {
                problems.at(doc, checkpointAt + "/floor", "an empty floor; leave it out for a place outside the floors");
            }
            for (int k = 0; k < c.checks().size(); k++) {
                if (blank(c.checks().get(k))) {
                    problems.at(doc, checkpointAt + "/checks/" + k, "a check says what to look at, e.g. fire doors");
                }
            }
            Optional<Duration> dueAfter = dueAfter(checkpointAt + "/dueAfter", c.dueAfter(), shortestWindow);
            if (problems.count() == before) {
                checkpoints.add(new Checkpoint(c.id(), name, c.building().trim(), c.floor() == null ? null : c.floor().trim(),
                        c.checks().stream().map(String::trim).toList(), dueAfter));
            }
        }
        return checkpoints;
    }

    /** A checkpoint's due time after its window opens: a duration within the route's shortest window; empty when not given. */
    private Optional<Duration> dueAfter(String at, String text, Optional<Duration> shortestWindow) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty()) {
            problems.at(doc, at, "'" + text + "' is not a duration like 20m, 90m or PT1H30M");
            return Optional.empty();
        }
        if (d.get().isNegative()) {
            problems.at(doc, at, "must not be negative (was '" + text + "'); it counts from the window's opening");
            return Optional.empty();
        }
        if (shortestWindow.isPresent() && d.get().compareTo(shortestWindow.get()) > 0) {
            problems.at(doc, at, "'" + text + "' is after the end of the route's shortest window (" + shortestWindow.get().toMinutes()
                    + " min long); a checkpoint is due within its window, or leave dueAfter out to make it due at the window's end");
            return Optional.empty();
        }
        return d;
    }

    private LocalizedText name(String at, JsonNode node, String id) {
        return YamlNames.read(doc, at, node, id == null ? "" : id, problems);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The file format, bound by Jackson. */
    record RoutesFile(String timeZone, List<RouteEntry> routes) {
        RoutesFile {
            routes = routes == null ? List.of() : routes;
        }
    }

    /** A route as written; durations are text so that a bad one is reported with its line. */
    record RouteEntry(String id, String site, JsonNode name, Boolean ordered, String early, String lateGrace,
                      List<WindowEntry> windows, List<CheckpointEntry> checkpoints) {
        RouteEntry {
            windows = windows == null ? List.of() : windows;
            checkpoints = checkpoints == null ? List.of() : checkpoints;
        }
    }

    /** A window as written; {@code days} absent means every day. */
    record WindowEntry(String start, String end, List<String> days) {
    }

    /** A checkpoint as written; {@code name} is text or {@code {zh, en}}; {@code dueAfter} a duration as text. */
    record CheckpointEntry(String id, JsonNode name, String building, String floor, List<String> checks, String dueAfter) {
        CheckpointEntry {
            checks = checks == null ? List.of() : checks;
        }
    }
}

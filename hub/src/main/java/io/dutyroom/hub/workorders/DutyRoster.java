package io.dutyroom.hub.workorders;

import io.dutyroom.hub.config.YamlNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.dutyroom.adapters.model.PointName;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is on duty when: the engineering duty room's shifts, its engineers and their skills, and which
 * engineers work which shift on which weekday. Shifts tile the day with no gap and no overlap, so
 * every instant belongs to exactly one shift occurrence and an order always has a shift to go to.
 * A weekday in {@code duty} is the day the shift starts: Monday's night shift runs into Tuesday.
 * Immutable after load.
 */
public final class DutyRoster {
    private static final String DEMO = "workorders/roster-demo.yaml";
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.of(
            "mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY, "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY,
            "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);

    private final ZoneId zone;
    private final List<Shift> shifts;
    private final List<Engineer> engineers;
    private final Map<String, Engineer> byId;
    private final Map<String, Map<DayOfWeek, Set<String>>> duty;
    private final Set<String> sites;

    private DutyRoster(ZoneId zone, List<Shift> shifts, List<Engineer> engineers,
                       Map<String, Map<DayOfWeek, Set<String>>> duty, Set<String> sites) {
        this.zone = zone;
        this.shifts = List.copyOf(shifts);
        this.engineers = List.copyOf(engineers);
        Map<String, Engineer> ids = new HashMap<>();
        engineers.forEach(e -> ids.put(e.id(), e));
        this.byId = Map.copyOf(ids);
        Map<String, Map<DayOfWeek, Set<String>>> copy = new HashMap<>();
        duty.forEach((shift, days) -> {
            Map<DayOfWeek, Set<String>> d = new EnumMap<>(DayOfWeek.class);
            days.forEach((day, who) -> d.put(day, Set.copyOf(who)));
            copy.put(shift, d);
        });
        this.duty = Map.copyOf(copy);
        this.sites = Set.copyOf(sites);
    }

    /** Reads and checks a roster; every problem is reported with its file and line. */
    public static DutyRoster load(YamlDocument doc) {
        RosterFile file = doc.bind("", RosterFile.class);
        Problems problems = new Problems();
        ZoneId zone = zone(doc, file.timeZone(), problems);
        List<Shift> shifts = shifts(doc, file.shifts(), problems);
        List<Engineer> engineers = engineers(doc, file.engineers(), problems);
        // duty is checked against every id declared, so that one bad shift or engineer is not reported again
        Set<String> shiftIds = new HashSet<>();
        file.shifts().stream().filter(s -> s != null && s.id() != null).forEach(s -> shiftIds.add(s.id()));
        Set<String> engineerIds = new HashSet<>();
        file.engineers().stream().filter(e -> e != null && e.id() != null).forEach(e -> engineerIds.add(e.id()));
        Map<String, Map<DayOfWeek, Set<String>>> duty = duty(doc, file.duty(), shiftIds, engineerIds, problems);
        for (int i = 0; i < file.sites().size(); i++) {
            if (!SiteId.isValid(file.sites().get(i))) {
                problems.at(doc, "/sites/" + i, "site id '" + file.sites().get(i) + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
        }
        problems.throwIfAny();
        return new DutyRoster(zone, shifts, engineers, duty, new LinkedHashSet<>(file.sites()));
    }

    /**
     * A roster with no shifts and nobody on it, for a hub run without one: nobody is ever on duty, so
     * orders wait for the desk to dispatch them, and there are no handovers. {@link #shiftAt} fails.
     */
    public static DutyRoster empty() {
        return new DutyRoster(ZoneId.of("UTC"), List.of(), List.of(), Map.of(), Set.of());
    }

    /** The roster of the demo estate, shipped as {@code workorders/roster-demo.yaml}. */
    public static DutyRoster demo() {
        InputStream in = DutyRoster.class.getClassLoader().getResourceAsStream(DEMO);
        if (in == null) {
            throw new IllegalStateException(DEMO + " is missing from the jar");
        }
        return load(YamlDocument.read(DEMO, in));
    }

    /** The time zone the shift times are read in. */
    public ZoneId zone() {
        return zone;
    }

    /** Whether this roster covers {@code siteId}: a roster that lists no sites covers them all. */
    public boolean covers(String siteId) {
        return sites.isEmpty() || sites.contains(siteId);
    }

    /** The shift occurrence that {@code at} falls in. */
    public ShiftInstance shiftAt(Instant at) {
        return occurrenceAt(at).instance(zone);
    }

    /**
     * Who is on duty at {@code at}: the engineers the roster puts on that shift occurrence, plus those
     * always on call, in the order the roster lists engineers.
     */
    public List<Engineer> onDuty(Instant at) {
        if (shifts.isEmpty()) {
            return List.of();
        }
        Occurrence occurrence = occurrenceAt(at);
        Set<String> rostered = duty.getOrDefault(occurrence.shift().id(), Map.of())
                .getOrDefault(occurrence.day().getDayOfWeek(), Set.of());
        return engineers.stream().filter(e -> e.alwaysOnCall() || rostered.contains(e.id())).toList();
    }

    /** The engineer with this id; empty for an unknown id or null (an order nobody holds). */
    public Optional<Engineer> engineer(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** Every engineer, in roster order. */
    public List<Engineer> engineers() {
        return engineers;
    }

    /**
     * The shift occurrences that start after {@code fromExclusive} and no later than
     * {@code toInclusive}, oldest first: the handovers (交接班) due in that interval.
     */
    public List<ShiftInstance> handoversBetween(Instant fromExclusive, Instant toInclusive) {
        if (!toInclusive.isAfter(fromExclusive)) {
            return List.of();
        }
        List<ShiftInstance> found = new ArrayList<>();
        LocalDate last = toInclusive.atZone(zone).toLocalDate();
        for (LocalDate day = fromExclusive.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (Shift shift : shifts) {
                ShiftInstance instance = new Occurrence(shift, day).instance(zone);
                if (instance.start().isAfter(fromExclusive) && !instance.start().isAfter(toInclusive)) {
                    found.add(instance);
                }
            }
        }
        found.sort(Comparator.comparing(ShiftInstance::start));
        return found;
    }

    private Occurrence occurrenceAt(Instant at) {
        if (shifts.isEmpty()) {
            throw new IllegalStateException("this duty roster has no shifts");
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
            for (Shift shift : shifts) {
                Occurrence occurrence = new Occurrence(shift, day);
                ShiftInstance instance = occurrence.instance(zone);
                if (!at.isBefore(instance.start()) && at.isBefore(instance.end())) {
                    return occurrence;
                }
            }
        }
        // unreachable for a roster that passed load(): its shifts cover the whole day
        throw new IllegalStateException("no shift covers " + at);
    }

    /** A shift's daily pattern. {@code end} at or before {@code start} means it ends the next day. */
    private record Shift(String id, LocalizedText name, LocalTime start, LocalTime end) {
    }

    /** A shift starting on a given local date. */
    private record Occurrence(Shift shift, LocalDate day) {
        ShiftInstance instance(ZoneId zone) {
            LocalDate endDay = shift.end().isAfter(shift.start()) ? day : day.plusDays(1);
            return new ShiftInstance(shift.id(), shift.name(),
                    ZonedDateTime.of(day, shift.start(), zone).toInstant(),
                    ZonedDateTime.of(endDay, shift.end(), zone).toInstant());
        }
    }

    private static ZoneId zone(YamlDocument doc, String text, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.at(doc, "/timeZone", "a roster needs a time zone, e.g. Asia/Shanghai");
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            problems.at(doc, "/timeZone", "unknown time zone '" + text + "'; use a name like Asia/Shanghai");
            return ZoneId.of("UTC");
        }
    }

    private static List<Shift> shifts(YamlDocument doc, List<ShiftEntry> entries, Problems problems) {
        if (entries.isEmpty()) {
            problems.at(doc, "/shifts", "a roster needs at least one shift");
            return List.of();
        }
        List<Shift> shifts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean timesValid = true;
        for (int i = 0; i < entries.size(); i++) {
            ShiftEntry e = entries.get(i);
            String at = "/shifts/" + i;
            if (e == null) {
                problems.at(doc, at, "an empty entry; a shift needs an id, start and end");
                timesValid = false;
                continue;
            }
            if (!PointName.isValid(e.id())) {
                problems.at(doc, at + "/id", "a shift needs an id of 1-64 letters, digits, '.', '_' or '-'");
            } else if (!ids.add(e.id())) {
                problems.at(doc, at + "/id", "shift '" + e.id() + "' is declared twice");
            }
            LocalizedText name = name(doc, at + "/name", e.name(), e.id(), problems);
            Optional<LocalTime> start = time(doc, at + "/start", e.start(), problems);
            Optional<LocalTime> end = time(doc, at + "/end", e.end(), problems);
            if (start.isEmpty() || end.isEmpty()) {
                timesValid = false;
            } else {
                shifts.add(new Shift(e.id(), name, start.get(), end.get()));
            }
        }
        if (timesValid) {
            ShiftCoverage.check(shifts.stream()
                    .map(s -> new ShiftCoverage.Span(s.id(), s.start().toSecondOfDay(), s.end().toSecondOfDay())).toList())
                    .forEach(message -> problems.at(doc, "/shifts", message));
        }
        return shifts;
    }

    private static Optional<LocalTime> time(YamlDocument doc, String at, String text, Problems problems) {
        if (text == null) {
            problems.at(doc, at, "missing; give a time like \"08:00\"");
            return Optional.empty();
        }
        if (text.trim().equals("24:00")) {
            return Optional.of(LocalTime.MIDNIGHT);
        }
        try {
            return Optional.of(LocalTime.parse(text.trim()));
        } catch (DateTimeParseException e) {
            problems.at(doc, at, "'" + text + "' is not a time like \"08:00\"");
            return Optional.empty();
        }
    }

    private static List<Engineer> engineers(YamlDocument doc, List<EngineerEntry> entries, Problems problems) {
        List<Engineer> engineers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            EngineerEntry e = entries.get(i);
            String at = "/engineers/" + i;
            if (e == null) {
                problems.at(doc, at, "an empty entry; an engineer needs an id and skills");
                continue;
            }
            int before = problems.count();
            if (!PointName.isValid(e.id())) {
                problems.at(doc, at + "/id", "an engineer needs an id of 1-64 letters, digits, '.', '_' or '-'");
            } else if (!ids.add(e.id())) {
                problems.at(doc, at + "/id", "engineer '" + e.id() + "' is declared twice");
            }
            LocalizedText name = name(doc, at + "/name", e.name(), e.id(), problems);
            if (e.skills().isEmpty()) {
                problems.at(doc, at + "/skills", "an engineer needs at least one skill, e.g. electrician");
            }
            for (int j = 0; j < e.skills().size(); j++) {
                if (e.skills().get(j) == null || e.skills().get(j).isBlank()) {
                    problems.at(doc, at + "/skills/" + j, "a skill is a word like electrician, plumber or elevator-contractor");
                }
            }
            if (problems.count() == before) {
                String phone = e.phone() == null || e.phone().isBlank() ? null : e.phone().trim();
                engineers.add(new Engineer(e.id(), name, new LinkedHashSet<>(e.skills().stream().map(String::trim).toList()),
                        phone, Boolean.TRUE.equals(e.alwaysOnCall())));
            }
        }
        return engineers;
    }

    private static Map<String, Map<DayOfWeek, Set<String>>> duty(YamlDocument doc, List<DutyEntry> entries, Set<String> shiftIds,
                                                                 Set<String> engineerIds, Problems problems) {
        Map<String, Map<DayOfWeek, Set<String>>> duty = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            DutyEntry e = entries.get(i);
            String at = "/duty/" + i;
            if (e == null) {
                problems.at(doc, at, "an empty entry; a duty entry needs a shift and engineers");
                continue;
            }
            if (e.shift() == null) {
                problems.at(doc, at + "/shift", "a duty entry needs a shift");
            } else if (!shiftIds.contains(e.shift())) {
                problems.at(doc, at + "/shift", "no shift '" + e.shift() + "' in this roster");
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (e.days() == null) {
                days = EnumSet.allOf(DayOfWeek.class);
            } else if (e.days().isEmpty()) {
                problems.at(doc, at + "/days", "an empty list; leave days out for every day");
            }
            for (int j = 0; e.days() != null && j < e.days().size(); j++) {
                String text = e.days().get(j);
                DayOfWeek day = text == null ? null : WEEKDAYS.get(text.trim().toLowerCase(Locale.ROOT));
                if (day == null) {
                    problems.at(doc, at + "/days/" + j, "unknown weekday '" + text + "'; use mon, tue, wed, thu, fri, sat or sun");
                } else {
                    days.add(day);
                }
            }
            if (e.engineers().isEmpty()) {
                problems.at(doc, at + "/engineers", "a duty entry needs at least one engineer");
            }
            for (int j = 0; j < e.engineers().size(); j++) {
                String id = e.engineers().get(j);
                if (!engineerIds.contains(id)) {
                    problems.at(doc, at + "/engineers/" + j, "no engineer '" + id + "' in this roster");
                }
            }
            if (e.shift() != null) {
                Map<DayOfWeek, Set<String>> byDay = duty.computeIfAbsent(e.shift(), s -> new EnumMap<>(DayOfWeek.class));
                for (DayOfWeek day : days) {
                    byDay.computeIfAbsent(day, d -> new HashSet<>()).addAll(e.engineers());
                }
            }
        }
        return duty;
    }

    private static LocalizedText name(YamlDocument doc, String at, JsonNode node, String id, Problems problems) {
        return YamlNames.read(doc, at, node, id, problems);
    }

    /** The file format, bound by Jackson. */
    record RosterFile(String timeZone, List<ShiftEntry> shifts, List<EngineerEntry> engineers, List<DutyEntry> duty,
                      List<String> sites) {
        RosterFile {
            shifts = shifts == null ? List.of() : shifts;
            engineers = engineers == null ? List.of() : engineers;
            duty = duty == null ? List.of() : duty;
            sites = sites == null ? List.of() : sites;
        }
    }

    /** A shift as written; times are text so that a bad one is reported with its line. */
    record ShiftEntry(String id, JsonNode name, String start, String end) {
    }

    /** An engineer as written; {@code name} is text or {@code {zh, en}}. */
    record EngineerEntry(String id, JsonNode name, List<String> skills, String phone, Boolean alwaysOnCall) {
        EngineerEntry {
            skills = skills == null ? List.of() : skills;
        }
    }

    /** A duty entry as written; {@code days} absent means every day. */
    record DutyEntry(String shift, List<String> days, List<String> engineers) {
        DutyEntry {
            engineers = engineers == null ? List.of() : engineers;
        }
    }
}

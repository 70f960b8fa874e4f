package io.dutyroom.hub.patrols;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a route's rounds, counted from the early margin before a window opens to the end of the
 * late grace after it closes, never overlap: a scan must belong to one round, or one scan would count
 * for two rounds and a checkpoint could never be missed in either. The check runs over a week, so
 * that weekday restrictions and windows across midnight are taken into account, and a window is
 * checked against its own next round as well.
 */
final class WindowOverlaps {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long WEEK = 7 * DAY;

    private WindowOverlaps() {
    }

    /** A window and the index it has in its route. */
    record Numbered(int index, PatrolWindow window) {
    }

    /**
     * For each window that overlaps a window listed before it, or its own next round: its index and
     * the message; each overlapping pair is reported once, at the later window. Clock changes are
     * ignored: the check is on local times.
     */
    static List<Map.Entry<Integer, String>> check(List<Numbered> windows, Duration early, Duration lateGrace) {
        List<Span> spans = new ArrayList<>();
        for (Numbered n : windows) {
            PatrolWindow w = n.window();
            long length = early.toMillis() + w.length().toMillis() + lateGrace.toMillis();
            for (DayOfWeek day : DayOfWeek.values()) {
                if (w.startsOn(day)) {
                    long from = (day.ordinal() * DAY + w.start().toSecondOfDay() * 1000L - early.toMillis()) % WEEK;
                    spans.add(new Span(n, Math.floorMod(from, WEEK), length));
                }
            }
        }
        Set<List<Integer>> pairs = new LinkedHashSet<>();
        for (int i = 0; i < spans.size(); i++) {
            Span a = spans.get(i);
            if (a.length() > WEEK) {
                pairs.add(List.of(a.window().index(), a.window().index()));
            }
            for (int j = i + 1; j < spans.size(); j++) {
                Span b = spans.get(j);
                if (a.overlaps(b)) {
                    int first = Math.min(a.window().index(), b.window().index());
                    int second = Math.max(a.window().index(), b.window().index());
                    pairs.add(List.of(first, second));
                }
            }
        }
        List<Map.Entry<Integer, String>> messages = new ArrayList<>();
        pairs.stream()
                .sorted((p, q) -> p.get(1).equals(q.get(1)) ? Integer.compare(p.get(0), q.get(0)) : Integer.compare(p.get(1), q.get(1)))
                .forEach(pair -> messages.add(Map.entry(pair.get(1), message(windows, pair.get(0), pair.get(1), early, lateGrace))));
        return messages;
    }

    private static String message(List<Numbered> windows, int first, int second, Duration early, Duration lateGrace) {
        String margins = "with the early margin (" + text(early) + ") and the late grace (" + text(lateGrace) + ")";
        if (first == second) {
            return margins + " this window runs into its own next round; a scan must belong to one round";
        }
        PatrolWindow other = windows.stream().filter(n -> n.index() == first).findFirst().orElseThrow().window();
        return margins + " this window overlaps window " + first + " (" + other + "); a scan must belong to one round";
    }

    private static String text(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toMillisPart() == 0) {
            return d.toHours() + "h";
        }
        return d.toSeconds() % 60 == 0 && d.toMillisPart() == 0 ? d.toMinutes() + "m" : d.toString();
    }

    /** One round's span over the week, in milliseconds from Monday 00:00; it may wrap past the week's end. */
    private record Span(Numbered window, long from, long length) {
        boolean overlaps(Span other) {
            return Math.floorMod(other.from - from, WEEK) < length || Math.floorMod(from - other.from, WEEK) < other.length;
        }
    }
}

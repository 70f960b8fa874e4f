package io.dutyroom.hub.workorders;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Checks that a roster's shifts cover the 24 hours exactly once. A gap would leave orders with
 * nobody to go to; an overlap would make "who is on duty" ambiguous and a handover (交接班)
 * happen twice.
 */
final class ShiftCoverage {
    private static final int DAY = 24 * 60 * 60;

    /**
     * A shift's daily pattern in seconds of the day; {@code end <= start} crosses midnight and
     * {@code end == start} is the whole day.
     */
    record Span(String id, int start, int end) {
        boolean covers(int second) {
            if (start < end) {
                return second >= start && second < end;
            }
            return start == end || second >= start || second < end;
        }
    }

    private ShiftCoverage() {
    }

    /** One message per gap or overlap, in order of the time of day it starts; empty when the shifts tile the day. */
    static List<String> check(List<Span> spans) {
        if (spans.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> cuts = new TreeSet<>();
        spans.forEach(s -> {
            cuts.add(s.start());
            cuts.add(s.end());
        });
        // between two consecutive cuts the set of covering shifts does not change
        List<Integer> points = new ArrayList<>(cuts);
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int from = points.get(i);
            int to = i + 1 < points.size() ? points.get(i + 1) : points.get(0) + DAY;
            List<String> covering = spans.stream().filter(s -> s.covers(from)).map(Span::id).toList();
            Piece piece = new Piece(from, to, covering);
            if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).covering().equals(covering)) {
                Piece last = pieces.remove(pieces.size() - 1);
                piece = new Piece(last.from(), to, covering);
            }
            pieces.add(piece);
        }
        if (pieces.size() > 1 && pieces.get(0).covering().equals(pieces.get(pieces.size() - 1).covering())) {
            Piece last = pieces.remove(pieces.size() - 1);
            Piece first = pieces.remove(0);
            pieces.add(0, new Piece(last.from(), first.to() + DAY, first.covering()));
        }
        List<String> messages = new ArrayList<>();
        for (Piece p : pieces) {
            if (p.covering().isEmpty()) {
                messages.add("no shift covers " + p.when() + "; the shifts must cover the 24 hours");
            } else if (p.covering().size() > 1) {
                messages.add("shifts " + String.join(" and ", p.covering()) + " both cover " + p.when() + "; each time of day belongs to one shift");
            }
        }
        return messages;
    }

    /** A stretch of the day covered by the same shifts; {@code to} may run past midnight (> DAY). */
    private record Piece(int from, int to, List<String> covering) {
        String when() {
            if (to - from >= DAY) {
                return "the whole day";
            }
            return LocalTime.ofSecondOfDay(from % DAY) + " to " + LocalTime.ofSecondOfDay(to % DAY);
        }
    }
}

package io.dutyroom.hub.alarms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alarm flood detection per duty position (a site's duty room): more than {@code above} new alarms
 * within the window starts a flood, whose first-out alarm is the oldest one in the window; the
 * flood ends when fewer than {@code endsBelow} remain in the window. Drill alarms never count.
 */
public final class FloodDetector {
    /** A new alarm as the flood sees it. */
    public record Entry(Instant at, String alarmId, String building) {
    }

    /** A flood, while it lasts: when it began, its first-out alarm, and every alarm raised since. */
    public record Flood(String site, Instant since, String firstOut, List<Entry> alarms) {
    }

    /** A flood lists at most this many alarms; a longer one is a disaster, not a list to read. */
    static final int MAX_LISTED = 10_000;

    private final int above;
    private final int endsBelow;
    private final Duration window;
    private final Map<String, ArrayDeque<Entry>> recent = new HashMap<>();
    private final Map<String, Flood> floods = new HashMap<>();

    FloodDetector(int above, int endsBelow, Duration window) {
        this.above = above;
        this.endsBelow = endsBelow;
        this.window = window;
    }

    /** Records a new alarm; returns the flood when this alarm starts one. */
    Optional<Flood> raised(String site, Entry entry) {
        ArrayDeque<Entry> entries = recent.computeIfAbsent(site, s -> new ArrayDeque<>());
        entries.addLast(entry);
        prune(entries, entry.at());
        Flood flood = floods.get(site);
        if (flood != null) {
            if (flood.alarms().size() < MAX_LISTED) {
                flood.alarms().add(entry);
            }
            return Optional.empty();
        }
        if (entries.size() > above) {
            Flood started = new Flood(site, entry.at(), entries.peekFirst().alarmId(), new ArrayList<>(entries));
            floods.put(site, started);
            return Optional.of(started);
        }
        return Optional.empty();
    }

    /** Floods that ended by {@code now}: fewer than {@code endsBelow} new alarms in the window. */
    List<Flood> ended(Instant now) {
        List<Flood> ended = new ArrayList<>();
        for (var it = floods.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            ArrayDeque<Entry> entries = recent.get(e.getKey());
            prune(entries, now);
            if (entries.size() < endsBelow) {
                ended.add(e.getValue());
                it.remove();
            }
        }
        return ended;
    }

    Optional<Flood> current(String site) {
        return Optional.ofNullable(floods.get(site));
    }

    List<Flood> current() {
        return List.copyOf(floods.values());
    }

    private void prune(ArrayDeque<Entry> entries, Instant now) {
        Instant from = now.minus(window);
        while (!entries.isEmpty() && entries.peekFirst().at().isBefore(from)) {
            entries.pollFirst();
        }
    }
}

package io.dutyroom.hub.rules;

import io.dutyroom.adapters.profile.SignalDefinition;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The recent history one signal needs, bounded: rise times for {@code rises}, samples for
 * {@code change}, the last good reading for {@code age}. Times are the hub's arrival times, so a
 * device with a wrong clock cannot confuse a window.
 */
final class SignalHistory {
    static final int MAX_ENTRIES = 4_096;

    private record Sample(Instant at, double value) {
    }

    private final SignalDefinition definition;
    private final ArrayDeque<Instant> rises = new ArrayDeque<>();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private Boolean lastState;
    private Instant lastGood;

    SignalHistory(SignalDefinition definition, Instant start) {
        this.definition = definition;
        this.lastGood = start; // a point never heard from is as stale as the time since the hub started
    }

    SignalDefinition definition() {
        return definition;
    }

    /** A good reading of the signal's point arrived. */
    void record(double value, Instant at) {
        lastGood = at;
        switch (definition.kind()) {
            case RISES -> {
                boolean on = value != 0;
                if (on && Boolean.FALSE.equals(lastState)) {
                    add(rises, at);
                }
                lastState = on;
            }
            case CHANGE -> add(samples, new Sample(at, value));
            case AGE -> {
                // the arrival time is all it needs
            }
        }
    }

    /** The signal's value now: an int for rises, a double otherwise; empty before there is one. */
    Optional<Object> value(Instant now) {
        return switch (definition.kind()) {
            case RISES -> {
                Instant from = now.minus(definition.window());
                while (!rises.isEmpty() && !rises.peekFirst().isAfter(from)) {
                    rises.pollFirst();
                }
                yield lastState == null ? Optional.empty() : Optional.of((long) rises.size());
            }
            case CHANGE -> change(now);
            case AGE -> Optional.of((now.toEpochMilli() - lastGood.toEpochMilli()) / 1000.0);
        };
    }

    private Optional<Object> change(Instant now) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        Instant from = now.minus(definition.window());
        // keep one sample at or before the window's start: it is the value "one window ago"
        while (samples.size() > 1 && !secondOf(samples).isAfter(from)) {
            samples.pollFirst();
        }
        return Optional.of(samples.peekLast().value() - samples.peekFirst().value());
    }

    private static Instant secondOf(ArrayDeque<Sample> deque) {
        var it = deque.iterator();
        it.next();
        return it.next().at();
    }

    private static <T> void add(ArrayDeque<T> deque, T item) {
        if (deque.size() >= MAX_ENTRIES) {
            deque.pollFirst();
        }
        deque.addLast(item);
    }
}

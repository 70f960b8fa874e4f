package io.dutyroom.hub.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing at {@code POST /api/v1/session}: after too many failed log-ins
 * within a window, per username and per remote address, further attempts are refused (429) until
 * the oldest failure leaves the window, whether the password would have been right or not.
 *
 * <p>Per username: 5 failures a minute, so one account cannot be guessed at, from however many
 * addresses. Per address: 20 a minute, more than per user because a duty room's desks often share
 * one address behind a router, and one person's typos must not lock out the others; it stops one
 * machine trying many usernames. A username that does not exist is counted the same as one that
 * does, so the answer says nothing about which exist.
 *
 * <p>In memory and per hub: a restart forgets, which costs an attacker a minute at most. The maps
 * are bounded (least recently used keys dropped first), so a flood of made-up usernames cannot
 * exhaust memory. Thread-safe.
 */
public final class SessionThrottle {
    public static final int PER_USER = 5;
    public static final int PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_KEYS = 10_000;

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Map<String, Deque<Instant>> byUser = lru();
    private final Map<String, Deque<Instant>> byAddress = lru();

    public SessionThrottle() {
        this(PER_USER, PER_ADDRESS, WINDOW);
    }

    SessionThrottle(int perUser, int perAddress, Duration window) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
    }

    /**
     * A log-in attempt at {@code now}: refused with how long until one is allowed again, or allowed
     * (empty) and counted as a failure until {@link #succeeded} says otherwise. Counting it before the
     * password is checked (which takes a while) means a burst of parallel guesses is limited too,
     * not only guesses one after another.
     */
    public synchronized Optional<Duration> attempt(String username, String address, Instant now) {
        Optional<Duration> user = wait(byUser, username, perUser, now);
        Optional<Duration> addr = wait(byAddress, address, perAddress, now);
        if (user.isPresent() || addr.isPresent()) {
            Duration u = user.orElse(Duration.ZERO);
            Duration a = addr.orElse(Duration.ZERO);
            return Optional.of(u.compareTo(a) >= 0 ? u : a);
        }
        record(byUser, username, perUser, now);
        record(byAddress, address, perAddress, now);
        return Optional.empty();
    }

    /**
     * The attempt made at {@code at} succeeded: it is no failure. The user's own count starts
     * again (their typos are behind them); the address keeps its other failures (one good account
     * must not reset a machine that guesses at others).
     */
    public synchronized void succeeded(String username, String address, Instant at) {
        byUser.remove(username);
        Deque<Instant> failures = byAddress.get(address);
        if (failures != null) {
            failures.removeLastOccurrence(at);
        }
    }

    /** Usernames and addresses remembered; for tests of the bound. */
    synchronized int trackedKeys() {
        return byUser.size() + byAddress.size();
    }

    private Optional<Duration> wait(Map<String, Deque<Instant>> map, String key, int limit, Instant now) {
        Deque<Instant> failures = map.get(key);
        if (failures == null) {
            return Optional.empty();
        }
        expire(failures, now);
        if (failures.isEmpty()) {
            map.remove(key);
            return Optional.empty();
        }
        if (failures.size() < limit) {
            return Optional.empty();
        }
        // allowed again when the oldest failure leaves the window
        return Optional.of(Duration.between(now, failures.peekFirst().plus(window)));
    }

    private void record(Map<String, Deque<Instant>> map, String key, int limit, Instant now) {
        Deque<Instant> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>(limit));
        expire(failures, now);
        failures.addLast(now);
        // only the last `limit` matter: the deque never grows past it
        while (failures.size() > limit) {
            failures.removeFirst();
        }
    }

    private void expire(Deque<Instant> failures, Instant now) {
        Instant from = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(from)) {
            failures.removeFirst();
        }
    }

    private static Map<String, Deque<Instant>> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }
}

package io.dutyroom.hub.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * When a session ends, and when its activity is worth writing down. Pure: the decisions take the
 * time, so tests run them on a fake clock.
 *
 * <p>A session ends at whichever comes first: its absolute expiry ({@code auth.sessionLifetime},
 * 12 h by default: a shift, so nobody carries a log-in into the next one) or after
 * {@code auth.idleTimeout} without a request (30 min by default: a desk PC left unlocked stops
 * acting for its user).
 */
public final class SessionPolicy {
    /** Activity is recorded at most this often: one write a minute, not one per request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** An open live stream re-checks its session at least this often, so that a log-out ends it within seconds. */
    static final Duration RECHECK_AT_MOST = Duration.ofSeconds(15);

    private final Duration lifetime;
    private final Duration idle;
    private final Duration touchEvery;

    public SessionPolicy(Duration lifetime, Duration idle) {
        if (lifetime.isNegative() || lifetime.isZero() || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("session lifetime and idle timeout must be positive");
        }
        this.lifetime = lifetime;
        this.idle = idle;
        // a short idle timeout (tests, a kiosk) is recorded more often, so that an active session
        // is never judged idle for want of a write: at most half the timeout between writes
        Duration half = idle.dividedBy(2);
        this.touchEvery = half.compareTo(TOUCH_EVERY) < 0 ? half : TOUCH_EVERY;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Duration idle() {
        return idle;
    }

    /** The absolute expiry of a session opened at {@code createdAt}. */
    public Instant expiresAt(Instant createdAt) {
        return createdAt.plus(lifetime);
    }

    /** Still valid at {@code now}: before its absolute expiry, and not idle for the idle timeout or longer. */
    public boolean isLive(Session session, Instant now) {
        return now.isBefore(session.expiresAt()) && now.isBefore(session.lastSeenAt().plus(idle));
    }

    /** Whether a request at {@code now} should be written down as the session's last activity. */
    public boolean needsTouch(Session session, Instant now) {
        return !now.isBefore(session.lastSeenAt().plus(touchEvery));
    }

    /**
     * How often an open live stream re-checks its session, keeping it fresh while the stream is open
     * and noticing when it has ended. A quarter of the idle timeout, at most 15 s: a check records
     * activity once {@link #needsTouch} (at most half the timeout after the last record), so activity
     * is recorded within three quarters of the timeout, never too late.
     */
    public Duration recheckEvery() {
        Duration quarter = idle.dividedBy(4);
        return quarter.compareTo(RECHECK_AT_MOST) < 0 ? quarter : RECHECK_AT_MOST;
    }

    /** Sessions last seen at or before this are idle at {@code now}; for the purge. */
    public Instant idleCutoff(Instant now) {
        return now.minus(idle);
    }
}

package io.dutyroom.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opening, finding and ending sessions. A session's token is 32 random bytes from
 * {@link SecureRandom}, base64url: 256 bits nobody guesses. The database keeps only its SHA-256, so
 * a copy of the database (a backup, a replica) opens no one's session. SHA-256 and not a slow hash:
 * the token is random, not a password, so there is nothing to guess from its hash.
 *
 * <p>Blocking (JDBC): call it on a worker, never on an event loop.
 */
public final class Sessions {
    private static final int TOKEN_BYTES = 32;
    /** 32 bytes in base64url without padding: 43 characters. Anything else is not ours, and costs no query. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A session just opened: the token goes to the client once, and nowhere else. */
    public record Opened(String token, Session session) {
    }

    private final SessionStore store;
    private final SessionPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Sessions(SessionStore store, SessionPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    public SessionPolicy policy() {
        return policy;
    }

    public Opened open(User user) throws SQLException {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Session session = new Session(hash(token), user.username(), user.role(), now, now, policy.expiresAt(now));
        store.insert(session);
        return new Opened(token, session);
    }

    /**
     * The user of a live session with this token, as they are now; empty for an unknown, ended or
     * malformed token, or a user since disabled. An ended session found here is deleted at once.
     * The request counts as the session's activity.
     */
    public Optional<SessionUser> find(String token) throws SQLException {
        return find(token, true);
    }

    /**
     * As {@link #find(String)}, but without counting as activity: whether the session still holds,
     * for a live stream that did not ask to keep it ({@code keepSession}), so that an open tab alone
     * does not keep a forgotten desk logged in past the idle timeout.
     */
    public Optional<SessionUser> check(String token) throws SQLException {
        return find(token, false);
    }

    private Optional<SessionUser> find(String token, boolean activity) throws SQLException {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String hash = hash(token);
        Optional<SessionStore.Found> found = store.find(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get().session();
        User user = found.get().user();
        Instant now = clock.instant();
        if (!policy.isLive(session, now) || user.disabled()) {
            store.delete(hash);
            return Optional.empty();
        }
        if (activity && policy.needsTouch(session, now)) {
            store.touch(hash, now);
        }
        return Optional.of(new SessionUser(user.username(), user.displayName(), user.role(), user.mustChange(), hash, session.expiresAt()));
    }

    /** Ends the session of this token hash (log-out). */
    public boolean end(String tokenHash) throws SQLException {
        return store.delete(tokenHash);
    }

    /** Ends the user's other sessions (after a password change); {@code keep} may be null to end all. */
    public int endOthers(String username, String keep) throws SQLException {
        return store.deleteForUser(username, keep);
    }

    /** Deletes ended sessions; run hourly, so the table holds only live ones and a few ended since. */
    public int purge() throws SQLException {
        Instant now = clock.instant();
        return store.purge(now, policy.idleCutoff(now));
    }

    /** Hex SHA-256 of the token, as stored. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

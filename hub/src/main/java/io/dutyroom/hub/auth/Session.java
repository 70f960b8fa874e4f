package io.dutyroom.hub.auth;

import java.time.Instant;

/**
 * A log-in, as stored: found by the hash of its token, never by the token.
 *
 * @param role      the role at log-in, for the record; what a request may do follows the user's
 *                  role now ({@link SessionUser#role()})
 * @param expiresAt absolute end: log-in time plus {@code auth.sessionLifetime}, however active
 */
public record Session(String tokenHash, String username, Role role, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {
}

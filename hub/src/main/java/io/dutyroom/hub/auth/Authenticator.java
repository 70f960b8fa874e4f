package io.dutyroom.hub.auth;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a username and password. The answer and the work are the same whether the user exists or
 * not: an unknown or disabled user's password is checked against a dummy hash, so neither the
 * response nor its timing tells which usernames exist.
 *
 * <p>Blocking and slow by design (a password hash and a query): call it on a worker, never on an
 * event loop. Construct it off the event loop too: it hashes the dummy password.
 */
public final class Authenticator {
    private final UserStore users;
    private final PasswordHasher hasher;
    /** A hash of a random password nobody knows, with today's parameters: the same cost as a real one. */
    private final String dummyHash;

    public Authenticator(UserStore users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.dummyHash = hasher.hash(Base64.getEncoder().encodeToString(secret));
    }

    /** The user whose password this is; empty for a wrong password, an unknown user or a disabled one. */
    public Optional<User> check(String username, String password) throws SQLException {
        Optional<User> user = users.find(username).filter(u -> !u.disabled());
        String hash = user.map(User::passwordHash).orElse(dummyHash);
        boolean matches = hasher.verify(password, hash);
        if (!matches || user.isEmpty()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash)) {
            // the password is in hand only now: the one moment a hash can move to today's parameters
            users.rehash(username, hash, hasher.hash(password));
        }
        return user;
    }

    /** Whether {@code password} is this user's current one (to change it, the old one is asked for). */
    public boolean matches(User user, String password) {
        return hasher.verify(password, user.passwordHash());
    }

    public String hash(String password) {
        return hasher.hash(password);
    }
}

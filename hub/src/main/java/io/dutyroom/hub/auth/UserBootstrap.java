package io.dutyroom.hub.auth;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users a hub makes itself, with passwords printed once on the console at start-up:
 * the first admin of a hub that has no users (who must then choose their own password), and the
 * demo's one user per role (new passwords at every demo start; the old ones stop working).
 *
 * <p>Runs on the launcher thread at start-up (hashing is slow, and this is no event loop).
 */
public final class UserBootstrap {
    /** A username and the password the hub chose, for the banner. */
    public record Credential(String username, Role role, String password, boolean mustChange) {
    }

    /** The demo's users: username, role, display name. */
    // the engineer and the supervisor are people of the demo's duty roster, so that the orders
    // dispatched to them can be accepted by them
    private static final List<String[]> DEMO = List.of(
            new String[] {"li.na", "duty-engineer", "李娜"},
            new String[] {"zhang.qiang", "supervisor", "张强"},
            new String[] {"desk", "desk", "Demo complaints desk"},
            new String[] {"admin", "admin", "Demo admin"});

    private final UserStore users;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public UserBootstrap(UserStore users, Sessions sessions, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * With no user at all, adds {@code admin} with a one-time password that must be changed at first
     * log-in; without it nobody could log in to a hub whose log-in is on. Empty when users exist.
     */
    public Optional<Credential> firstAdmin() throws SQLException {
        if (users.count() > 0) {
            return Optional.empty();
        }
        String password = UserRules.oneTimePassword(random);
        User admin = new User("admin", "Administrator", Role.ADMIN, hasher.hash(password), true, clock.instant(), false);
        // another hub on the same database may have been quicker: then it printed the password, not us
        return users.createFirst(admin) ? Optional.of(new Credential("admin", Role.ADMIN, password, true)) : Optional.empty();
    }

    /**
     * One user per role for the demo, each with a new password, and their old sessions ended: the
     * credentials printed at this start are the only ones that work. Not must-change: the demo is
     * for trying the hub, and the passwords change at every start anyway.
     */
    public List<Credential> demoUsers() throws SQLException {
        List<Credential> credentials = new ArrayList<>();
        for (String[] d : DEMO) {
            Role role = Role.ofCode(d[1]).orElseThrow();
            String password = UserRules.oneTimePassword(random);
            users.put(new User(d[0], d[2], role, hasher.hash(password), false, clock.instant(), false));
            sessions.endOthers(d[0], null);
            credentials.add(new Credential(d[0], role, password, false));
        }
        return credentials;
    }
}

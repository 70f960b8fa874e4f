package io.dutyroom.hub.auth;

/**
 * The timeline event kinds of log-in and user management: the audit trail says who logged in and
 * out, who made whom a user, and whose password was changed by whom (never the password).
 * Failed log-ins go to the log and a metric instead: an attacker must not be able to fill the
 * duty room's timeline.
 */
public final class AuthEvents {
    public static final String LOGGED_IN = "auth.logged-in";
    public static final String LOGGED_OUT = "auth.logged-out";
    public static final String USER_CREATED = "auth.user-created";
    public static final String PASSWORD_CHANGED = "auth.password-changed";

    private AuthEvents() {
    }
}

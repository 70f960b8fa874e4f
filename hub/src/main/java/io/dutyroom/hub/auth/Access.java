package io.dutyroom.hub.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What each role may do in the API, decided from the method and the path alone, before any route
 * runs. The table in docs/security.md says the same in words; change both together.
 *
 * <table>
 *   <tr><th>Requests</th><th>Roles</th></tr>
 *   <tr><td>{@code /api/v1/users}, {@code /api/v1/users/**}</td><td>admin (a user's own password: that user too)</td></tr>
 *   <tr><td>anything but GET on {@code /api/v1/complaints/**}; GET {@code /api/v1/complaints/{id}/resident}</td>
 *       <td>desk, supervisor, admin</td></tr>
 *   <tr><td>anything but GET on {@code /api/v1/drills/**}</td><td>duty engineer, supervisor, admin</td></tr>
 *   <tr><td>everything else under {@code /api/v1}</td><td>any role</td></tr>
 * </table>
 *
 * A user who must change their password may only do that, see who they are, and log out.
 */
public final class Access {
    private static final String USERS = "/api/v1/users";
    private static final String COMPLAINTS = "/api/v1/complaints";
    private static final Set<Role> COMPLAINT_DESK = EnumSet.of(Role.DESK, Role.SUPERVISOR, Role.ADMIN);
    private static final String DRILLS = "/api/v1/drills";
    /** A drill puts faults on real equipment's simulated twin and calls out the engineers: the engineering side starts one. */
    private static final Set<Role> DRILL_LEADERS = EnumSet.of(Role.DUTY_ENGINEER, Role.SUPERVISOR, Role.ADMIN);

    /** Why a request is refused: {@code code} for the API's error, {@code message} for the person. */
    public record Refusal(String code, String message) {
    }

    private Access() {
    }

    /** Empty when {@code user} may make this request; else why not (answered 403). */
    public static Optional<Refusal> check(SessionUser user, String method, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (user.mustChange() && !mayWhileMustChange(user, method, p)) {
            return Optional.of(new Refusal("password_change_required", "set your own password first: POST " + USERS + "/"
                    + user.username() + "/password with {\"currentPassword\", \"password\"}"));
        }
        if (under(p, USERS)) {
            boolean ownPassword = p.equals(USERS + "/" + user.username() + "/password") && method.equals("POST");
            return user.role() == Role.ADMIN || ownPassword ? Optional.empty()
                    : Optional.of(new Refusal("forbidden", "managing users takes the admin role; you are " + user.role().code()));
        }
        boolean complaintWrite = under(p, COMPLAINTS) && !method.equals("GET") && !method.equals("HEAD");
        // the one place residents' names and phones are served in full: for the people who call them back
        boolean resident = under(p, COMPLAINTS) && p.endsWith("/resident");
        if ((complaintWrite || resident) && !COMPLAINT_DESK.contains(user.role())) {
            return Optional.of(new Refusal("forbidden", (complaintWrite ? "changing complaints" : "residents' details")
                    + " take the desk, supervisor or admin role; you are " + user.role().code()));
        }
        boolean drillWrite = under(p, DRILLS) && !method.equals("GET") && !method.equals("HEAD");
        if (drillWrite && !DRILL_LEADERS.contains(user.role())) {
            return Optional.of(new Refusal("forbidden", "starting drills takes the duty-engineer, supervisor or admin role; you are "
                    + user.role().code()));
        }
        return Optional.empty();
    }

    private static boolean mayWhileMustChange(SessionUser user, String method, String p) {
        return p.equals("/api/v1/session") && (method.equals("GET") || method.equals("DELETE"))
                || p.equals("/api/v1/session/logout") && method.equals("POST")
                || p.equals(USERS + "/" + user.username() + "/password") && method.equals("POST");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}

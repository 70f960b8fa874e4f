package io.dutyroom.hub.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each role may do in the API, decided from the method and the path alone, before any route
 * runs. The table in docs/security.md says the same in words; change both together.
 *
 * <table>
 *   <tr><th>Requests</th><th>Roles</th></tr>
 *   <tr><td>{@code /api/v1/users}, {@code /api/v1/users/**}</td><td>admin (a user's own password: that user too)</td></tr>
 *   <tr><td>anything but GET on {@code /api/v1/complaints/**}; GET {@code /api/v1/complaints/{id}/resident}</td>
 *       <td>desk, supervisor, admin</td></tr>
 *   <tr><td>anything but GET on {@code /api/v1/alarms/**} (acknowledge, reset, shelve, unshelve, comment),
 *       {@code /api/v1/devices/**} (out of service and back), {@code /api/v1/work-orders/**} (every step, comments,
 *       attachments, opening one by hand), {@code /api/v1/roster/**} (shift handover) and {@code /api/v1/drills/**}</td>
 *       <td>duty engineer, supervisor, admin</td></tr>
 *   <tr><td>POST {@code /api/v1/work-orders/{id}/return-visit}, {@code /close} and {@code /comments}</td>
 *       <td>desk too: the desk follows a repair up with the resident and closes it</td></tr>
 *   <tr><td>everything else under {@code /api/v1} (reading, patrol scans, one's own session)</td><td>any role</td></tr>
 * </table>
 *
 * A user who must change their password may only do that, see who they are, and log out.
 */
public final class Access {
    private static final String USERS = "/api/v1/users";
    private static final String COMPLAINTS = "/api/v1/complaints";
    private static final Set<Role> COMPLAINT_DESK = EnumSet.of(Role.DESK, Role.SUPERVISOR, Role.ADMIN);
    /**
     * The plant's side: alarms, equipment, work orders, shifts and drills are worked by the engineering
     * duty room. The desk answers residents; it reads all of this but leaves acting on it to engineers,
     * so that an alarm acknowledged or an order closed is always an engineer's word.
     */
    private static final Set<Role> ENGINEERING = EnumSet.of(Role.DUTY_ENGINEER, Role.SUPERVISOR, Role.ADMIN);
    /** The paths whose writes take an engineering role, with what the refusal calls them. */
    private static final List<Area> ENGINEERING_AREAS = List.of(
            new Area("/api/v1/alarms", "acting on alarms"),
            new Area("/api/v1/devices", "taking equipment out of service or back"),
            new Area("/api/v1/work-orders", "acting on work orders"),
            new Area("/api/v1/roster", "recording shift handovers"),
            // a drill puts faults on real equipment's simulated twin and calls out the engineers
            new Area("/api/v1/drills", "starting drills"));

    /**
     * The steps of a work order that are the desk's, not the engineers': domain.md has the desk follow
     * a repair up with the resident (回访, within an hour of completion) and, as the one who received
     * the problem, stay responsible until the order is closed (首问责任制).
     */
    private static final Pattern DESK_WORK_ORDER_STEPS = Pattern.compile(
            "/api/v1/work-orders/[^/]+/(return-visit|close|comments)");

    /** Why a request is refused: {@code code} for the API's error, {@code message} for the person. */
    public record Refusal(String code, String message) {
    }

    private record Area(String prefix, String doing) {
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
        boolean reading = method.equals("GET") || method.equals("HEAD");
        boolean complaintWrite = under(p, COMPLAINTS) && !reading;
        // the one place residents' names and phones are served in full: for the people who call them back
        boolean resident = under(p, COMPLAINTS) && p.endsWith("/resident");
        if ((complaintWrite || resident) && !COMPLAINT_DESK.contains(user.role())) {
            return Optional.of(new Refusal("forbidden", (complaintWrite ? "changing complaints" : "residents' details")
                    + " take the desk, supervisor or admin role; you are " + user.role().code()));
        }
        boolean deskFollowUp = user.role() == Role.DESK && method.equals("POST") && DESK_WORK_ORDER_STEPS.matcher(p).matches();
        if (!reading && !ENGINEERING.contains(user.role()) && !deskFollowUp) {
            for (Area area : ENGINEERING_AREAS) {
                if (under(p, area.prefix())) {
                    return Optional.of(new Refusal("forbidden", area.doing() + " takes the duty-engineer, supervisor or admin role; you are "
                            + user.role().code()));
                }
            }
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

package io.dutyroom.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each role may do; the same table as docs/security.md. */
class UserAccessTest {
    private static SessionUser user(String name, Role role) {
        return new SessionUser(name, name, role, false, "h", Instant.parse("2026-11-23T20:00:00Z"));
    }

    private static final SessionUser ENGINEER = user("wang.wei", Role.DUTY_ENGINEER);
    private static final SessionUser SUPERVISOR = user("zhao.lei", Role.SUPERVISOR);
    private static final SessionUser DESK = user("chen.jing", Role.DESK);
    private static final SessionUser ADMIN = user("admin", Role.ADMIN);

    @Test
    void everyRoleReadsEverythingAndScansCheckpoints() {
        for (SessionUser u : new SessionUser[] {ENGINEER, SUPERVISOR, DESK, ADMIN}) {
            for (String path : new String[] {"/api/v1/alarms", "/api/v1/alarms/A-1", "/api/v1/devices", "/api/v1/devices/pumps-1",
                    "/api/v1/work-orders", "/api/v1/work-orders/WO-1", "/api/v1/roster", "/api/v1/roster/on-duty", "/api/v1/complaints"}) {
                assertThat(Access.check(u, "GET", path)).as(u.role() + " reads " + path).isEmpty();
            }
            assertThat(Access.check(u, "POST", "/api/v1/patrols/scans")).as("a guard's scan").isEmpty();
            assertThat(Access.check(u, "GET", "/api/v1/session")).isEmpty();
            assertThat(Access.check(u, "POST", "/api/v1/users/" + u.username() + "/password")).as("one's own password").isEmpty();
        }
    }

    @Test
    void engineersSupervisorsAndAdminsWorkAlarmsEquipmentWorkOrdersAndHandovers() {
        for (SessionUser u : new SessionUser[] {ENGINEER, SUPERVISOR, ADMIN}) {
            assertThat(Access.check(u, "POST", "/api/v1/alarms/A-1/acknowledge")).isEmpty();
            assertThat(Access.check(u, "POST", "/api/v1/alarms/A-1/comments")).isEmpty();
            assertThat(Access.check(u, "POST", "/api/v1/devices/pumps-1/out-of-service")).isEmpty();
            assertThat(Access.check(u, "POST", "/api/v1/devices/pumps-1/return-to-service")).isEmpty();
            assertThat(Access.check(u, "POST", "/api/v1/work-orders")).isEmpty();
            assertThat(Access.check(u, "POST", "/api/v1/work-orders/WO-1/accept")).isEmpty();
            assertThat(Access.check(u, "POST", "/api/v1/roster/handover")).isEmpty();
        }
    }

    @Test
    void theDeskMayNotActOnAlarms() {
        for (String action : new String[] {"acknowledge", "reset", "shelve", "unshelve", "comments"}) {
            assertThat(Access.check(DESK, "POST", "/api/v1/alarms/A-1/" + action)).as(action).hasValueSatisfying(r -> {
                assertThat(r.code()).isEqualTo("forbidden");
                assertThat(r.message()).contains("acting on alarms").contains("duty-engineer").contains("you are desk");
            });
        }
        assertThat(Access.check(DESK, "POST", "/api/v1/alarms/A-1/acknowledge/")).as("a trailing slash changes nothing").isPresent();
    }

    @Test
    void theDeskMayNotTakeEquipmentOutOfServiceNorReturnIt() {
        assertThat(Access.check(DESK, "POST", "/api/v1/devices/pumps-1/out-of-service"))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("out of service"));
        assertThat(Access.check(DESK, "POST", "/api/v1/devices/pumps-1/return-to-service")).isPresent();
    }

    @Test
    void theDeskMayNotActOnWorkOrdersButFollowsThemUpAndClosesThem() {
        assertThat(Access.check(DESK, "POST", "/api/v1/work-orders")).as("opening one by hand")
                .hasValueSatisfying(r -> assertThat(r.message()).contains("acting on work orders"));
        for (String step : new String[] {"dispatch", "accept", "arrive", "resolve", "cancel", "reopen", "attachments"}) {
            assertThat(Access.check(DESK, "POST", "/api/v1/work-orders/WO-1/" + step)).as(step).isPresent();
        }
        for (String step : new String[] {"return-visit", "close", "comments"}) {
            assertThat(Access.check(DESK, "POST", "/api/v1/work-orders/WO-1/" + step)).as("the desk's own step " + step).isEmpty();
        }
        assertThat(Access.check(DESK, "POST", "/api/v1/work-orders/WO-1/return-visit/x")).as("only the step itself").isPresent();
        assertThat(Access.check(DESK, "PUT", "/api/v1/work-orders/WO-1/close")).as("only POST").isPresent();
        assertThat(Access.check(DESK, "DELETE", "/api/v1/work-orders/WO-1")).as("any method but GET").isPresent();
        assertThat(Access.check(DESK, "GET", "/api/v1/work-orders/report")).isEmpty();
        assertThat(Access.check(DESK, "POST", "/api/v1/work-ordersx")).as("not under /work-orders").isEmpty();
    }

    @Test
    void theDeskMayNotRecordShiftHandovers() {
        assertThat(Access.check(DESK, "POST", "/api/v1/roster/handover"))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("shift handovers"));
    }

    @Test
    void theDeskKeepsComplaints() {
        assertThat(Access.check(DESK, "POST", "/api/v1/complaints")).isEmpty();
        assertThat(Access.check(DESK, "POST", "/api/v1/complaints/C-1/handle")).as("a repair's order is opened through its complaint").isEmpty();
        assertThat(Access.check(DESK, "POST", "/api/v1/complaints/C-1/close")).isEmpty();
        assertThat(Access.check(DESK, "GET", "/api/v1/complaints/C-1/resident")).isEmpty();
    }

    @Test
    void startingADrillTakesAnEngineerASupervisorOrAnAdminAndEveryoneMayWatch() {
        assertThat(Access.check(DESK, "POST", "/api/v1/drills")).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo("forbidden");
            assertThat(r.message()).contains("starting drills");
        });
        for (SessionUser u : new SessionUser[] {ENGINEER, SUPERVISOR, ADMIN}) {
            assertThat(Access.check(u, "POST", "/api/v1/drills")).isEmpty();
        }
        for (SessionUser u : new SessionUser[] {ENGINEER, SUPERVISOR, DESK, ADMIN}) {
            assertThat(Access.check(u, "GET", "/api/v1/drills")).isEmpty();
            assertThat(Access.check(u, "GET", "/api/v1/drills/elevator-entrapment-20261123T120000")).isEmpty();
        }
    }

    @Test
    void changingComplaintsTakesTheDeskASupervisorOrAnAdmin() {
        assertThat(Access.check(ENGINEER, "POST", "/api/v1/complaints")).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("forbidden"));
        assertThat(Access.check(ENGINEER, "POST", "/api/v1/complaints/K-1/assign")).isPresent();
        assertThat(Access.check(ENGINEER, "POST", "/api/v1/complaints/K-1/assign/")).as("a trailing slash changes nothing").isPresent();
        assertThat(Access.check(ENGINEER, "GET", "/api/v1/complaints/K-1/resident")).as("residents' details").isPresent();
        for (SessionUser u : new SessionUser[] {SUPERVISOR, DESK, ADMIN}) {
            assertThat(Access.check(u, "POST", "/api/v1/complaints")).isEmpty();
            assertThat(Access.check(u, "POST", "/api/v1/complaints/K-1/handle")).isEmpty();
            assertThat(Access.check(u, "GET", "/api/v1/complaints/K-1/resident")).isEmpty();
        }
        assertThat(Access.check(ENGINEER, "POST", "/api/v1/complaintsx")).as("not under /complaints").isEmpty();
    }

    @Test
    void managingUsersTakesAnAdmin() {
        for (SessionUser u : new SessionUser[] {ENGINEER, SUPERVISOR, DESK}) {
            assertThat(Access.check(u, "GET", "/api/v1/users")).isPresent();
            assertThat(Access.check(u, "POST", "/api/v1/users")).isPresent();
            assertThat(Access.check(u, "POST", "/api/v1/users/someone.else/password")).isPresent();
        }
        assertThat(Access.check(ADMIN, "GET", "/api/v1/users")).isEmpty();
        assertThat(Access.check(ADMIN, "POST", "/api/v1/users")).isEmpty();
        assertThat(Access.check(ADMIN, "POST", "/api/v1/users/wang.wei/password")).isEmpty();
    }

    @Test
    void aUserWhoMustChangeTheirPasswordMayOnlyDoThatSeeWhoTheyAreAndLogOut() {
        SessionUser fresh = new SessionUser("admin", "Administrator", Role.ADMIN, true, "h", Instant.parse("2026-11-23T20:00:00Z"));

        assertThat(Access.check(fresh, "GET", "/api/v1/alarms")).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("password_change_required"));
        assertThat(Access.check(fresh, "GET", "/api/v1/users")).isPresent();
        assertThat(Access.check(fresh, "POST", "/api/v1/users/wang.wei/password")).isPresent();
        assertThat(Access.check(fresh, "POST", "/api/v1/users/admin/password")).isEmpty();
        assertThat(Access.check(fresh, "GET", "/api/v1/session")).isEmpty();
        assertThat(Access.check(fresh, "DELETE", "/api/v1/session")).isEmpty();
        assertThat(Access.check(fresh, "POST", "/api/v1/session/logout")).isEmpty();
    }
}

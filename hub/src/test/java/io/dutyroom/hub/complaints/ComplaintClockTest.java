package io.dutyroom.hub.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.hub.complaints.ComplaintClock.Overdue;
import io.dutyroom.hub.complaints.ComplaintClock.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The complaint deadlines on a fake clock: each late step raised once, nothing once done, the 3-day return visit. */
class ComplaintClockTest {
    private static final Instant CALL = Instant.parse("2026-11-23T01:30:00Z"); // 09:30 in the estate: a resident phones the desk
    private static final ComplaintLimits LIMITS = ComplaintLimits.DEFAULTS;

    /** What the store does: raise what is overdue and remember that it did. */
    private static List<Overdue> check(ComplaintTimes times, Set<String> raised, Instant now) {
        List<Overdue> due = ComplaintClock.overdue(times, LIMITS, raised, now);
        due.forEach(o -> raised.add(o.step().code()));
        return due;
    }

    @Test
    void theDefaultsAreTwoHoursToAssignThreeDaysToResolveAndThreeDaysToCallBack() {
        assertThat(LIMITS.assign()).isEqualTo(Duration.ofHours(2));
        assertThat(LIMITS.resolve()).isEqualTo(Duration.ofDays(3));
        assertThat(LIMITS.returnVisit()).isEqualTo(Duration.ofDays(3));
        assertThat(LIMITS.limit(Step.RETURN_VISIT)).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void anUnassignedComplaintIsOverdueAtTwoHoursOnce() {
        ComplaintTimes times = ComplaintTimes.recordedAt(CALL);
        Set<String> raised = new HashSet<>();
        assertThat(check(times, raised, CALL.plus(Duration.ofHours(2)).minusSeconds(1))).isEmpty();
        assertThat(ComplaintClock.nextDue(times, LIMITS, raised)).contains(CALL.plus(Duration.ofHours(2)));

        assertThat(check(times, raised, CALL.plus(Duration.ofHours(2)))).containsExactly(new Overdue(Step.ASSIGN, CALL.plus(Duration.ofHours(2))));
        assertThat(raised).containsExactly("assign");
        assertThat(check(times, raised, CALL.plus(Duration.ofDays(9)))).as("raised once").isEmpty();
        assertThat(ComplaintClock.nextDue(times, LIMITS, raised)).as("nothing more to say").isEmpty();
    }

    @Test
    void anUnresolvedComplaintIsOverdueThreeDaysAfterItsAssignmentOnce() {
        Instant assigned = CALL.plus(Duration.ofMinutes(40));
        ComplaintTimes times = new ComplaintTimes(CALL, Optional.of(assigned), Optional.empty(), Optional.empty());
        Set<String> raised = new HashSet<>();
        assertThat(check(times, raised, CALL.plus(Duration.ofDays(3)))).as("counted from the assignment, not the call").isEmpty();
        assertThat(check(times, raised, assigned.plus(Duration.ofDays(3)))).containsExactly(new Overdue(Step.RESOLVE, assigned.plus(Duration.ofDays(3))));
        assertThat(check(times, raised, assigned.plus(Duration.ofDays(5)))).isEmpty();
    }

    @Test
    void theReturnVisitIsDueThreeDaysAfterTheResolution() {
        Instant assigned = CALL.plus(Duration.ofMinutes(40));
        Instant resolved = CALL.plus(Duration.ofDays(1));
        ComplaintTimes times = new ComplaintTimes(CALL, Optional.of(assigned), Optional.of(resolved), Optional.empty());
        Set<String> raised = new HashSet<>();
        assertThat(ComplaintClock.dueAt(Step.RETURN_VISIT, times, LIMITS)).contains(resolved.plus(Duration.ofDays(3)));
        assertThat(check(times, raised, resolved.plus(Duration.ofDays(3)).minusSeconds(1))).isEmpty();
        assertThat(check(times, raised, resolved.plus(Duration.ofDays(3)))).containsExactly(new Overdue(Step.RETURN_VISIT, resolved.plus(Duration.ofDays(3))));
        assertThat(raised).containsExactly("return-visit");
        assertThat(check(times, raised, resolved.plus(Duration.ofDays(30)))).as("raised once").isEmpty();
    }

    @Test
    void nothingIsOverdueOnceEveryStepIsDone() {
        ComplaintTimes times = new ComplaintTimes(CALL, Optional.of(CALL.plus(Duration.ofHours(1))),
                Optional.of(CALL.plus(Duration.ofDays(2))), Optional.of(CALL.plus(Duration.ofDays(4))));
        assertThat(ComplaintClock.overdue(times, LIMITS, Set.of(), CALL.plus(Duration.ofDays(365)))).isEmpty();
        assertThat(ComplaintClock.nextDue(times, LIMITS, Set.of())).isEmpty();
    }

    @Test
    void aStepDoneLateIsNotRaisedAfterwardsButTheNextOneRuns() {
        // assigned after five hours, nobody checked in between: too late to alert about the assignment
        Instant assigned = CALL.plus(Duration.ofHours(5));
        ComplaintTimes times = new ComplaintTimes(CALL, Optional.of(assigned), Optional.empty(), Optional.empty());
        assertThat(ComplaintClock.overdue(times, LIMITS, Set.of(), CALL.plus(Duration.ofDays(10))))
                .containsExactly(new Overdue(Step.RESOLVE, assigned.plus(Duration.ofDays(3))));
    }

    @Test
    void aStepThatHasNotStartedIsNotRunning() {
        ComplaintTimes times = ComplaintTimes.recordedAt(CALL);
        assertThat(ComplaintClock.dueAt(Step.RESOLVE, times, LIMITS)).isEmpty();
        assertThat(ComplaintClock.dueAt(Step.RETURN_VISIT, times, LIMITS)).isEmpty();
        assertThat(ComplaintClock.overdue(times, LIMITS, Set.of("assign"), CALL.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void aNewRoundAfterAnUnsatisfiedReturnVisitGetsItsFullTimeAgain() {
        Set<String> raised = new HashSet<>(Set.of("resolve", "return-visit"));
        Instant backToHandling = CALL.plus(Duration.ofDays(8));
        // the store's part: assigned becomes the moment it went back, and the later steps are forgotten
        raised.removeAll(Set.of("resolve", "return-visit"));
        ComplaintTimes round2 = new ComplaintTimes(CALL, Optional.of(backToHandling), Optional.empty(), Optional.empty());
        assertThat(check(round2, raised, backToHandling.plus(Duration.ofDays(2)))).isEmpty();
        assertThat(check(round2, raised, backToHandling.plus(Duration.ofDays(3)))).extracting(Overdue::step).containsExactly(Step.RESOLVE);
    }

    @Test
    void otherLimitsAreHonoured() {
        ComplaintLimits tight = new ComplaintLimits(Duration.ofMinutes(30), Duration.ofDays(1), Duration.ofDays(1));
        ComplaintTimes times = ComplaintTimes.recordedAt(CALL);
        assertThat(ComplaintClock.overdue(times, tight, Set.of(), CALL.plus(Duration.ofMinutes(30))))
                .containsExactly(new Overdue(Step.ASSIGN, CALL.plus(Duration.ofMinutes(30))));
        assertThatThrownBy(() -> new ComplaintLimits(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assign");
    }

    @Test
    void stepCodesReadBack() {
        for (Step s : Step.values()) {
            assertThat(Step.ofCode(s.code())).contains(s);
        }
        assertThat(Step.ofCode("close")).isEmpty();
    }
}

package io.dutyroom.hub.workorders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The time-limit clocks on a fake clock: warnings at 80 %, breaches at 100 %, each once, and across a shift change. */
class SlaClocksTest {
    private static final Instant CALL = Instant.parse("2026-11-23T11:55:00Z"); // 19:55 in the estate, five minutes before the night shift

    @Test
    void aStepWarnsAtEightyPercentAndBreachesAtItsLimitEachOnce() {
        SlaClocks sla = new SlaClocks();
        sla.start(SlaStep.RESPOND, CALL, Duration.ofMinutes(5));
        assertThat(sla.escalate(CALL.plusSeconds(239))).isEmpty();
        assertThat(sla.status(SlaStep.RESPOND, CALL.plusSeconds(239))).isEqualTo(SlaClocks.Status.RUNNING);

        assertThat(sla.nextEscalation()).contains(CALL.plusSeconds(240));
        assertThat(sla.escalate(CALL.plusSeconds(240))).containsExactly(new SlaClocks.Escalation(SlaStep.RESPOND, false, CALL.plusSeconds(300)));
        assertThat(sla.status(SlaStep.RESPOND, CALL.plusSeconds(250))).isEqualTo(SlaClocks.Status.DUE_SOON);
        assertThat(sla.escalate(CALL.plusSeconds(299))).as("warned once").isEmpty();
        assertThat(sla.nextEscalation()).contains(CALL.plusSeconds(300));

        assertThat(sla.escalate(CALL.plusSeconds(300))).containsExactly(new SlaClocks.Escalation(SlaStep.RESPOND, true, CALL.plusSeconds(300)));
        assertThat(sla.escalate(CALL.plusSeconds(900))).as("breached once").isEmpty();
        assertThat(sla.nextEscalation()).as("nothing more to say").isEmpty();
        assertThat(sla.status(SlaStep.RESPOND, CALL.plusSeconds(900))).isEqualTo(SlaClocks.Status.OVERDUE);

        sla.done(SlaStep.RESPOND, CALL.plusSeconds(960));
        assertThat(sla.status(SlaStep.RESPOND, CALL.plusSeconds(1000))).isEqualTo(SlaClocks.Status.MISSED);
    }

    @Test
    void aStepDoneInTimeIsMetAndNeverEscalates() {
        SlaClocks sla = new SlaClocks();
        sla.start(SlaStep.ARRIVE, CALL, Duration.ofMinutes(30));
        sla.done(SlaStep.ARRIVE, CALL.plus(Duration.ofMinutes(22)));
        assertThat(sla.escalate(CALL.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(sla.status(SlaStep.ARRIVE, CALL.plus(Duration.ofHours(2)))).isEqualTo(SlaClocks.Status.MET);
        assertThat(sla.status(SlaStep.RESOLVE, CALL)).isEqualTo(SlaClocks.Status.WAITING);
    }

    @Test
    void aCheckLongAfterTheLimitBreachesWithoutASeparateWarning() {
        SlaClocks sla = new SlaClocks();
        sla.start(SlaStep.RESPOND, CALL, Duration.ofMinutes(5));
        assertThat(sla.escalate(CALL.plus(Duration.ofHours(1)))).containsExactly(new SlaClocks.Escalation(SlaStep.RESPOND, true, CALL.plusSeconds(300)));
    }

    @Test
    void theClocksRunOnThroughAShiftChangeAndSurviveBeingStored() {
        // the order came in at 19:55; the day shift hands over at 20:00; the arrival limit counts from the call
        SlaClocks sla = new SlaClocks();
        sla.start(SlaStep.RESPOND, CALL, Duration.ofMinutes(5));
        sla.start(SlaStep.ARRIVE, CALL, Duration.ofMinutes(30));
        DutyRoster roster = DutyRoster.demo();
        ShiftInstance before = roster.shiftAt(CALL);
        ShiftInstance after = roster.shiftAt(CALL.plus(Duration.ofMinutes(10)));
        assertThat(after.shiftId()).isNotEqualTo(before.shiftId());

        sla.done(SlaStep.RESPOND, CALL.plus(Duration.ofMinutes(3)));
        SlaClocks stored = SlaClocks.fromJson(sla.toJson(Optional.empty()));
        assertThat(stored.escalate(CALL.plus(Duration.ofMinutes(24)))).containsExactly(
                new SlaClocks.Escalation(SlaStep.ARRIVE, false, CALL.plus(Duration.ofMinutes(30))));
        SlaClocks again = SlaClocks.fromJson(stored.toJson(Optional.empty()));
        assertThat(again.escalate(CALL.plus(Duration.ofMinutes(25)))).as("the warning mark was stored").isEmpty();
        assertThat(again.escalate(CALL.plus(Duration.ofMinutes(30)))).extracting(SlaClocks.Escalation::breached).containsExactly(true);
        assertThat(again.status(SlaStep.RESPOND, CALL.plus(Duration.ofMinutes(30)))).isEqualTo(SlaClocks.Status.MET);
        assertThat(again.toJson(Optional.of(CALL.plus(Duration.ofMinutes(31)))).getJsonObject("arrive").getString("status")).isEqualTo("overdue");
    }

    @Test
    void clearingAStepForgetsItsClock() {
        SlaClocks sla = new SlaClocks();
        sla.start(SlaStep.RESOLVE, CALL, Duration.ofHours(4));
        sla.clear(SlaStep.RESOLVE);
        assertThat(sla.status(SlaStep.RESOLVE, CALL)).isEqualTo(SlaClocks.Status.WAITING);
        assertThat(sla.nextDue()).isEmpty();
    }
}

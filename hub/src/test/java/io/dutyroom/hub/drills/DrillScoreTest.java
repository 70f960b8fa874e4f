package io.dutyroom.hub.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.hub.workorders.SlaClocks;
import io.dutyroom.hub.workorders.SlaLimits;
import io.dutyroom.hub.workorders.SlaStep;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A drill's score on a fake clock: steps timed from the first alarm, each held to its limit on the
 * same clock its work order keeps (the order's clocks built here the way the work-order service
 * builds them).
 */
class DrillScoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration ACK = Duration.ofMinutes(3);
    /** The shipped elevator-entrapment policy's limits. */
    private static final SlaLimits ENTRAPMENT = new SlaLimits(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(1));

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    private static DrillFacts.AlarmFact alarm(String id, double shown, Double acknowledged) {
        return new DrillFacts.AlarmFact(id, Optional.of(at(shown)), Optional.ofNullable(acknowledged).map(DrillScoreTest::at));
    }

    /** An order as the work-order service keeps it: respond and arrive clocks from creation, resolve from acceptance. */
    private static DrillFacts.OrderFact order(String id, double created, Double dispatched, Double accepted, Double onSite, Double resolved) {
        SlaClocks clocks = new SlaClocks();
        clocks.start(SlaStep.RESPOND, at(created), ENTRAPMENT.respond());
        clocks.start(SlaStep.ARRIVE, at(created), ENTRAPMENT.arrive());
        if (accepted != null) {
            clocks.done(SlaStep.RESPOND, at(accepted));
            clocks.start(SlaStep.RESOLVE, at(accepted), ENTRAPMENT.resolve());
        }
        Map<SlaStep, Instant> due = new EnumMap<>(SlaStep.class);
        for (SlaStep step : SlaStep.values()) {
            clocks.dueAt(step).ifPresent(t -> due.put(step, t));
        }
        return new DrillFacts.OrderFact(id, "elevator-entrapment", at(created), opt(dispatched), opt(accepted), opt(onSite), opt(resolved),
                ENTRAPMENT, due);
    }

    private static Optional<Instant> opt(Double seconds) {
        return Optional.ofNullable(seconds).map(DrillScoreTest::at);
    }

    private static JsonObject step(JsonObject score, String name) {
        return score.getJsonArray("steps").stream().map(JsonObject.class::cast).filter(s -> s.getString("step").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void beforeAnyAlarmEveryStepWaitsAndOnlyTheAcknowledgeLimitIsKnown() {
        DrillScore score = DrillScore.of(DrillFacts.NONE, ACK);
        JsonObject json = score.toJson();
        assertThat(score.complete()).isFalse();
        assertThat(json.getInteger("met")).isZero();
        assertThat(json.getInteger("of")).isEqualTo(4);
        assertThat(json.getInteger("done")).isZero();
        assertThat(json.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("step")))
                .containsExactly("acknowledge", "dispatch", "arrive", "release");
        JsonObject acknowledge = step(json, "acknowledge");
        assertThat(acknowledge.getJsonObject("name")).isEqualTo(new JsonObject().put("zh", "确认").put("en", "acknowledge"));
        assertThat(acknowledge.getDouble("limitSeconds")).isEqualTo(180.0);
        assertThat(acknowledge.getValue("at")).isNull();
        assertThat(acknowledge.getValue("seconds")).isNull();
        assertThat(acknowledge.getValue("met")).isNull();
        assertThat(step(json, "dispatch").getValue("limitSeconds")).as("no order yet, so no policy").isNull();
    }

    @Test
    void whileRunningTheDoneStepsAreTimedFromTheFirstAlarmAndTheRestWait() {
        DrillFacts facts = new DrillFacts(List.of(alarm("A1", 0, 47.25)), List.of(order("WO-1", 0.4, 0.6, null, null, null)));
        JsonObject json = DrillScore.of(facts, ACK).toJson();

        JsonObject acknowledge = step(json, "acknowledge");
        assertThat(acknowledge.getString("at")).isEqualTo("2026-11-23T12:00:47.250Z");
        assertThat(acknowledge.getDouble("seconds")).isEqualTo(47.25);
        assertThat(acknowledge.getBoolean("met")).isTrue();
        assertThat(acknowledge.getString("dueAt")).isEqualTo("2026-11-23T12:03:00Z");

        JsonObject dispatch = step(json, "dispatch");
        assertThat(dispatch.getDouble("seconds")).isEqualTo(0.6);
        assertThat(dispatch.getDouble("limitSeconds")).isEqualTo(300.0);
        assertThat(dispatch.getBoolean("met")).isTrue();
        assertThat(dispatch.getString("limitSource")).isEqualTo("policy elevator-entrapment: respond, from the order's creation");

        JsonObject arrive = step(json, "arrive");
        assertThat(arrive.getValue("at")).isNull();
        assertThat(arrive.getDouble("limitSeconds")).isEqualTo(1800.0);
        assertThat(arrive.getString("dueAt")).as("its clock runs from the order's creation").isEqualTo("2026-11-23T12:30:00.400Z");
        assertThat(arrive.getValue("met")).isNull();

        JsonObject release = step(json, "release");
        assertThat(release.getDouble("limitSeconds")).isEqualTo(7200.0);
        assertThat(release.getValue("dueAt")).as("the resolve clock starts at the acceptance").isNull();

        assertThat(json.getInteger("met")).isEqualTo(2);
        assertThat(json.getInteger("done")).isEqualTo(2);
        assertThat(DrillScore.of(facts, ACK).complete()).isFalse();
    }

    @Test
    void aFinishedDrillIsCompleteAndALateStepIsNotMet() {
        // acknowledged after 4 minutes (limit 3), accepted at 2 min, on site at 31 min (limit 30 from creation), released at 40 min
        DrillFacts facts = new DrillFacts(List.of(alarm("A1", 0, 240.0)), List.of(order("WO-1", 1, 1.5, 120.0, 31 * 60.0 + 1, 40 * 60.0)));
        DrillScore score = DrillScore.of(facts, ACK);
        JsonObject json = score.toJson();
        assertThat(score.complete()).isTrue();
        assertThat(step(json, "acknowledge").getBoolean("met")).isFalse();
        assertThat(step(json, "dispatch").getBoolean("met")).isTrue();
        assertThat(step(json, "arrive").getBoolean("met")).isFalse();
        assertThat(step(json, "arrive").getDouble("seconds")).isEqualTo(1861.0);
        JsonObject release = step(json, "release");
        assertThat(release.getBoolean("met")).isTrue();
        assertThat(release.getString("dueAt")).isEqualTo("2026-11-23T14:02:00Z");
        assertThat(release.getString("limitSource")).isEqualTo("policy elevator-entrapment: resolve, from the acceptance");
        assertThat(json.getInteger("met")).isEqualTo(2);
        assertThat(json.getInteger("done")).isEqualTo(4);
    }

    @Test
    void anArrivalJustInsideTheOrdersOwnLimitIsMetThoughLaterThanTheLimitFromTheFirstAlarm() {
        // the lift's alarm button rang 20 s before the entrapment alarm opened the order: the
        // contractor's 30 minutes count from the order, as its own time limit does
        DrillFacts facts = new DrillFacts(List.of(alarm("BUTTON", 0, 5.0), alarm("ENTRAPMENT", 20, null)),
                List.of(order("WO-1", 20, 20.2, 60.0, 20 + 30 * 60.0, 45 * 60.0)));
        JsonObject arrive = step(DrillScore.of(facts, ACK).toJson(), "arrive");
        assertThat(arrive.getDouble("seconds")).isEqualTo(1820.0);
        assertThat(arrive.getDouble("limitSeconds")).isEqualTo(1800.0);
        assertThat(arrive.getBoolean("met")).isTrue();
    }

    @Test
    void theFirstAcknowledgementOfAnyOfTheDrillsAlarmsCountsAndTheFirstOrderIsTheDrillOrder() {
        DrillFacts facts = new DrillFacts(
                List.of(alarm("BUTTON", 0, null), alarm("ENTRAPMENT", 20, 90.0), alarm("DOOR", 30, 150.0)),
                List.of(order("WO-2", 35, 36.0, null, null, null), order("WO-1", 20, 21.0, null, null, null)));
        JsonObject json = DrillScore.of(facts, ACK).toJson();
        assertThat(step(json, "acknowledge").getDouble("seconds")).isEqualTo(90.0);
        assertThat(step(json, "dispatch").getDouble("seconds")).as("WO-1, opened first").isEqualTo(21.0);
    }

    @Test
    void anAlarmSuppressedByDesignStartsNoClock() {
        // the lift stopped outside the leveling zone 10 s before the button rang, suppressed because
        // somebody is inside: nobody was shown it
        DrillFacts facts = new DrillFacts(List.of(new DrillFacts.AlarmFact("STOPPED", Optional.empty(), Optional.empty()),
                alarm("BUTTON", 10, 40.0)), List.of());
        JsonObject acknowledge = step(DrillScore.of(facts, ACK).toJson(), "acknowledge");
        assertThat(acknowledge.getDouble("seconds")).isEqualTo(30.0);
        assertThat(acknowledge.getString("dueAt")).isEqualTo("2026-11-23T12:03:10Z");
    }

    @Test
    void theAcknowledgeLimitIsTheSettingGiven() {
        DrillFacts facts = new DrillFacts(List.of(alarm("A1", 0, 100.0)), List.of());
        assertThat(step(DrillScore.of(facts, Duration.ofMinutes(1)).toJson(), "acknowledge").getBoolean("met")).isFalse();
        assertThat(step(DrillScore.of(facts, Duration.ofMinutes(2)).toJson(), "acknowledge").getBoolean("met")).isTrue();
        assertThat(step(DrillScore.of(facts, Duration.ofMinutes(2)).toJson(), "acknowledge").getString("limitSource"))
                .isEqualTo("setting drills.acknowledgeWithin, from the first alarm");
    }
}

package io.dutyroom.hub.drills;

import io.dutyroom.hub.workorders.SlaStep;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A drill's score: four steps timed from the drill's first alarm and held to their limits. The first
 * alarm is the first the duty room was shown: an alarm suppressed by design (a lift stopped between
 * floors, while the entrapment alarm says more) is on no screen, so it starts no clock.
 * Pure: it is computed from the stored facts, so the tests run it without a clock or a database.
 *
 * <ul>
 *   <li><b>acknowledge</b> (确认): the first acknowledgement of any of the drill's alarms, normally the
 *       first alarm's own. Limit: {@code drills.acknowledgeWithin}, from the first alarm.</li>
 *   <li><b>dispatch</b> (派工): the drill order's first dispatch to an engineer. Limit: the order's
 *       respond limit, on its own clock (from the order's creation).</li>
 *   <li><b>arrive</b> (到场): the order's engineer on site. Limit: the order's arrive limit, on its own
 *       clock (from the order's creation).</li>
 *   <li><b>release</b> (完工): the order resolved, the passengers released. Limit: the order's resolve
 *       limit, on its own clock (from the acceptance).</li>
 * </ul>
 *
 * A step is met when it was done by its clock's due time, so a drill's score never disagrees with
 * its order's own time limits. The drill order is the drill's first order (by creation).
 */
public record DrillScore(List<Step> steps) {

    /** The steps of the score, in the order the duty room does them. */
    public enum Kind {
        ACKNOWLEDGE("acknowledge", "确认", "acknowledge"),
        DISPATCH("dispatch", "派工", "dispatch"),
        ARRIVE("arrive", "到场", "arrived on site"),
        RELEASE("release", "完工", "released");

        private final String code;
        private final String zh;
        private final String en;

        Kind(String code, String zh, String en) {
            this.code = code;
            this.zh = zh;
            this.en = en;
        }

        public String code() {
            return code;
        }

        JsonObject label() {
            return new JsonObject().put("zh", zh).put("en", en);
        }
    }

    /**
     * One step of the score.
     *
     * @param at          when it was done; empty while not
     * @param seconds     from the drill's first alarm to {@code at}
     * @param limit       the time allowed, empty while unknown (no order yet)
     * @param dueAt       when the step's clock runs out, empty while that clock has not started
     * @param limitSource where the limit comes from, for people: a setting or a work-order policy's step
     */
    public record Step(Kind kind, Optional<Instant> at, Optional<Duration> seconds, Optional<Duration> limit, Optional<Instant> dueAt,
                       String limitSource) {

        /** Done by its due time; empty while not done or while the due time is unknown. */
        public Optional<Boolean> met() {
            if (at.isEmpty() || dueAt.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(!at.get().isAfter(dueAt.get()));
        }

        JsonObject toJson() {
            return new JsonObject()
                    .put("step", kind.code())
                    .put("name", kind.label())
                    .put("at", at.map(Instant::toString).orElse(null))
                    .put("seconds", seconds.map(DrillScore::seconds).orElse(null))
                    .put("limitSeconds", limit.map(DrillScore::seconds).orElse(null))
                    .put("met", met().orElse(null))
                    .put("dueAt", dueAt.map(Instant::toString).orElse(null))
                    .put("limitSource", limitSource);
        }
    }

    /** The score of a drill with these facts, under this acknowledge limit. */
    public static DrillScore of(DrillFacts facts, Duration acknowledgeWithin) {
        Optional<Instant> start = facts.alarms().stream().flatMap(a -> a.shownAt().stream()).min(Comparator.naturalOrder());
        Optional<Instant> acknowledged = facts.alarms().stream().flatMap(a -> a.acknowledgedAt().stream()).min(Comparator.naturalOrder());
        Optional<DrillFacts.OrderFact> order = facts.orders().stream().min(Comparator.comparing(DrillFacts.OrderFact::createdAt));
        String policy = order.map(o -> "policy " + o.policy() + ": ").orElse("the drill order's policy: ");
        return new DrillScore(List.of(
                step(Kind.ACKNOWLEDGE, start, acknowledged, Optional.of(acknowledgeWithin), start.map(s -> s.plus(acknowledgeWithin)),
                        "setting drills.acknowledgeWithin, from the first alarm"),
                orderStep(Kind.DISPATCH, start, order, order.flatMap(DrillFacts.OrderFact::dispatchedAt), SlaStep.RESPOND,
                        policy + "respond, from the order's creation"),
                orderStep(Kind.ARRIVE, start, order, order.flatMap(DrillFacts.OrderFact::onSiteAt), SlaStep.ARRIVE,
                        policy + "arrive, from the order's creation"),
                orderStep(Kind.RELEASE, start, order, order.flatMap(DrillFacts.OrderFact::resolvedAt), SlaStep.RESOLVE,
                        policy + "resolve, from the acceptance")));
    }

    private static Step orderStep(Kind kind, Optional<Instant> start, Optional<DrillFacts.OrderFact> order, Optional<Instant> at, SlaStep clock,
                                  String source) {
        return step(kind, start, at, order.map(o -> o.limits().limit(clock)), order.flatMap(o -> Optional.ofNullable(o.due().get(clock))), source);
    }

    private static Step step(Kind kind, Optional<Instant> start, Optional<Instant> at, Optional<Duration> limit, Optional<Instant> dueAt, String source) {
        Optional<Duration> seconds = start.flatMap(s -> at.map(t -> Duration.between(s, t)));
        return new Step(kind, at, seconds, limit, dueAt, source);
    }

    /** All four steps are done: the score is final. */
    public boolean complete() {
        return steps.stream().allMatch(s -> s.at().isPresent());
    }

    /** How many steps were done within their limits. */
    public long met() {
        return steps.stream().filter(s -> s.met().orElse(false)).count();
    }

    public JsonObject toJson() {
        JsonArray json = new JsonArray();
        steps.forEach(s -> json.add(s.toJson()));
        return new JsonObject().put("steps", json).put("met", met()).put("of", steps.size())
                .put("done", steps.stream().filter(s -> s.at().isPresent()).count());
    }

    /** Seconds to the millisecond, as a JSON number. */
    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}

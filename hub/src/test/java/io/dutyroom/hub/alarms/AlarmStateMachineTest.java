package io.dutyroom.hub.alarms;

import static io.dutyroom.hub.alarms.AlarmState.ACKNOWLEDGED;
import static io.dutyroom.hub.alarms.AlarmState.NORMAL;
import static io.dutyroom.hub.alarms.AlarmState.OUT_OF_SERVICE;
import static io.dutyroom.hub.alarms.AlarmState.RETURNED_UNACKNOWLEDGED;
import static io.dutyroom.hub.alarms.AlarmState.SHELVED;
import static io.dutyroom.hub.alarms.AlarmState.SUPPRESSED;
import static io.dutyroom.hub.alarms.AlarmState.UNACKNOWLEDGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ISA-18.2 state machine, pinned exhaustively: every visible state (and, for the base states,
 * latched or not, condition active or not) against every kind of input.
 */
class AlarmStateMachineTest {
    private static final Instant UNTIL = Instant.parse("2030-01-01T08:00:00Z");

    // ---- start statuses ------------------------------------------------------------------------

    private static AlarmStatus base(AlarmState base, boolean condition, boolean latched) {
        return new AlarmStatus(base, condition, latched, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static AlarmStatus.Shelf shelf() {
        return new AlarmStatus.Shelf("wang", "sensor being replaced", UNTIL);
    }

    /** The start statuses of the table, by name, in a stable order. */
    private static final Map<String, AlarmStatus> STARTS = new LinkedHashMap<>();

    static {
        STARTS.put("NORMAL", base(NORMAL, false, false));
        STARTS.put("NORMAL latching", base(NORMAL, false, true));
        STARTS.put("UNACKNOWLEDGED active", base(UNACKNOWLEDGED, true, false));
        STARTS.put("UNACKNOWLEDGED latching active", base(UNACKNOWLEDGED, true, true));
        STARTS.put("UNACKNOWLEDGED latched returned", base(UNACKNOWLEDGED, false, true));
        STARTS.put("ACKNOWLEDGED active", base(ACKNOWLEDGED, true, false));
        STARTS.put("ACKNOWLEDGED latching active", base(ACKNOWLEDGED, true, true));
        STARTS.put("ACKNOWLEDGED latched returned", base(ACKNOWLEDGED, false, true));
        STARTS.put("RETURNED_UNACKNOWLEDGED", base(RETURNED_UNACKNOWLEDGED, false, false));
        STARTS.put("SHELVED active", base(UNACKNOWLEDGED, true, false).withShelf(Optional.of(shelf())));
        STARTS.put("SHELVED cleared while shelved", base(UNACKNOWLEDGED, false, false).withShelf(Optional.of(shelf())));
        STARTS.put("SHELVED latched returned", base(ACKNOWLEDGED, false, true).withShelf(Optional.of(shelf())));
        STARTS.put("SUPPRESSED active", base(UNACKNOWLEDGED, true, false).withSuppression(Optional.of("device in comm-loss")));
        STARTS.put("SUPPRESSED never raised", base(NORMAL, false, false).withSuppression(Optional.of("device in comm-loss")));
        STARTS.put("OUT_OF_SERVICE active", base(ACKNOWLEDGED, true, false).withOutOfService(Optional.of("maintenance")));
        STARTS.put("OUT_OF_SERVICE never raised", base(NORMAL, false, false).withOutOfService(Optional.of("maintenance")));
        STARTS.put("OUT_OF_SERVICE over SHELVED over SUPPRESSED", base(UNACKNOWLEDGED, true, false)
                .withSuppression(Optional.of("device in comm-loss")).withShelf(Optional.of(shelf()))
                .withOutOfService(Optional.of("maintenance")));
    }

    /** One input of every kind, by name. */
    private static final Map<String, AlarmInput> INPUTS = new LinkedHashMap<>();

    static {
        INPUTS.put("ConditionActive", new AlarmInput.ConditionActive());
        INPUTS.put("ConditionCleared", new AlarmInput.ConditionCleared());
        INPUTS.put("Acknowledge", new AlarmInput.Acknowledge("li"));
        INPUTS.put("Reset", new AlarmInput.Reset("li"));
        INPUTS.put("Shelve", new AlarmInput.Shelve("li", "nuisance", UNTIL));
        INPUTS.put("Unshelve", new AlarmInput.Unshelve("li"));
        INPUTS.put("ShelfExpired", new AlarmInput.ShelfExpired());
        INPUTS.put("Suppress", new AlarmInput.Suppress("gateway down"));
        INPUTS.put("Unsuppress", new AlarmInput.Unsuppress());
        INPUTS.put("RemoveFromService", new AlarmInput.RemoveFromService("li", "pump overhaul"));
        INPUTS.put("ReturnToService", new AlarmInput.ReturnToService("li"));
    }

    // ---- expectations --------------------------------------------------------------------------

    /** What a step should give: the visible state, the event kind (if any), activation, refusal. */
    record Expect(AlarmState state, Optional<String> event, boolean activation, boolean refused) {
        @Override
        public String toString() {
            return refused ? "refused" : state + event.map(e -> " " + e).orElse(" (quiet)") + (activation ? " activation" : "");
        }
    }

    private static Expect to(AlarmState state, String event) {
        return new Expect(state, Optional.of(event), false, false);
    }

    private static Expect activation(AlarmState state, String event) {
        return new Expect(state, Optional.of(event), true, false);
    }

    private static Expect quiet(AlarmState state) {
        return new Expect(state, Optional.empty(), false, false);
    }

    private static Expect refused() {
        return new Expect(null, Optional.empty(), false, true);
    }

    record Case(String start, String input, Expect expect) {
        @Override
        public String toString() {
            return start + " + " + input + " -> " + expect;
        }
    }

    private static final String RAISED = AlarmEvents.RAISED;
    private static final String REPEATED = AlarmEvents.REPEATED;
    private static final String RETURNED = AlarmEvents.RETURNED;
    private static final String CLEARED = AlarmEvents.CLEARED;
    private static final String ACK_EVENT = AlarmEvents.ACKNOWLEDGED;
    private static final String RESET = AlarmEvents.RESET;
    private static final String SHELVED_EVENT = AlarmEvents.SHELVED;
    private static final String UNSHELVED = AlarmEvents.UNSHELVED;
    private static final String SHELF_EXPIRED = AlarmEvents.SHELF_EXPIRED;
    private static final String SUPPRESSED_EVENT = AlarmEvents.SUPPRESSED;
    private static final String UNSUPPRESSED = AlarmEvents.UNSUPPRESSED;
    private static final String OOS_EVENT = AlarmEvents.OUT_OF_SERVICE;
    private static final String BACK_IN_SERVICE = AlarmEvents.RETURNED_TO_SERVICE;

    /**
     * The table: one row per start status and input. Rows are grouped by start status; the columns
     * follow {@link #INPUTS}: active, cleared, acknowledge, reset, shelve, unshelve, shelf expired,
     * suppress, unsuppress, remove from service, return to service.
     */
    static List<Case> table() {
        List<Case> t = new ArrayList<>();
        row(t, "NORMAL",
                activation(UNACKNOWLEDGED, RAISED), quiet(NORMAL), refused(), refused(), refused(), refused(), quiet(NORMAL),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(NORMAL), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "NORMAL latching",
                activation(UNACKNOWLEDGED, RAISED), quiet(NORMAL), refused(), refused(), refused(), refused(), quiet(NORMAL),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(NORMAL), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "UNACKNOWLEDGED active",
                quiet(UNACKNOWLEDGED), to(RETURNED_UNACKNOWLEDGED, RETURNED), to(ACKNOWLEDGED, ACK_EVENT), refused(),
                to(SHELVED, SHELVED_EVENT), refused(), quiet(UNACKNOWLEDGED),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(UNACKNOWLEDGED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "UNACKNOWLEDGED latching active",
                quiet(UNACKNOWLEDGED), to(UNACKNOWLEDGED, RETURNED), to(ACKNOWLEDGED, ACK_EVENT), refused(),
                to(SHELVED, SHELVED_EVENT), refused(), quiet(UNACKNOWLEDGED),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(UNACKNOWLEDGED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "UNACKNOWLEDGED latched returned",
                activation(UNACKNOWLEDGED, REPEATED), quiet(UNACKNOWLEDGED), to(ACKNOWLEDGED, ACK_EVENT), refused(),
                to(SHELVED, SHELVED_EVENT), refused(), quiet(UNACKNOWLEDGED),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(UNACKNOWLEDGED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "ACKNOWLEDGED active",
                quiet(ACKNOWLEDGED), to(NORMAL, CLEARED), refused(), refused(),
                to(SHELVED, SHELVED_EVENT), refused(), quiet(ACKNOWLEDGED),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(ACKNOWLEDGED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "ACKNOWLEDGED latching active",
                quiet(ACKNOWLEDGED), to(ACKNOWLEDGED, RETURNED), refused(), refused(),
                to(SHELVED, SHELVED_EVENT), refused(), quiet(ACKNOWLEDGED),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(ACKNOWLEDGED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "ACKNOWLEDGED latched returned",
                activation(UNACKNOWLEDGED, REPEATED), quiet(ACKNOWLEDGED), refused(), to(NORMAL, RESET),
                to(SHELVED, SHELVED_EVENT), refused(), quiet(ACKNOWLEDGED),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(ACKNOWLEDGED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "RETURNED_UNACKNOWLEDGED",
                activation(UNACKNOWLEDGED, REPEATED), quiet(RETURNED_UNACKNOWLEDGED), to(NORMAL, ACK_EVENT), refused(),
                to(SHELVED, SHELVED_EVENT), refused(), quiet(RETURNED_UNACKNOWLEDGED),
                to(SUPPRESSED, SUPPRESSED_EVENT), quiet(RETURNED_UNACKNOWLEDGED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "SHELVED active",
                quiet(SHELVED), quiet(SHELVED), refused(), refused(), refused(),
                activation(UNACKNOWLEDGED, UNSHELVED), activation(UNACKNOWLEDGED, SHELF_EXPIRED),
                to(SHELVED, SUPPRESSED_EVENT), quiet(SHELVED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "SHELVED cleared while shelved",
                quiet(SHELVED), quiet(SHELVED), refused(), refused(), refused(),
                to(NORMAL, UNSHELVED), to(NORMAL, SHELF_EXPIRED),
                to(SHELVED, SUPPRESSED_EVENT), quiet(SHELVED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "SHELVED latched returned",
                quiet(SHELVED), quiet(SHELVED), refused(), refused(), refused(),
                to(ACKNOWLEDGED, UNSHELVED), to(ACKNOWLEDGED, SHELF_EXPIRED),
                to(SHELVED, SUPPRESSED_EVENT), quiet(SHELVED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "SUPPRESSED active",
                quiet(SUPPRESSED), quiet(SUPPRESSED), refused(), refused(), to(SHELVED, SHELVED_EVENT),
                refused(), quiet(SUPPRESSED),
                quiet(SUPPRESSED), activation(UNACKNOWLEDGED, UNSUPPRESSED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "SUPPRESSED never raised",
                quiet(SUPPRESSED), quiet(SUPPRESSED), refused(), refused(), refused(),
                refused(), quiet(SUPPRESSED),
                quiet(SUPPRESSED), to(NORMAL, UNSUPPRESSED), to(OUT_OF_SERVICE, OOS_EVENT), refused());
        row(t, "OUT_OF_SERVICE active",
                quiet(OUT_OF_SERVICE), quiet(OUT_OF_SERVICE), refused(), refused(), refused(),
                refused(), quiet(OUT_OF_SERVICE),
                to(OUT_OF_SERVICE, SUPPRESSED_EVENT), quiet(OUT_OF_SERVICE), refused(), activation(UNACKNOWLEDGED, BACK_IN_SERVICE));
        row(t, "OUT_OF_SERVICE never raised",
                quiet(OUT_OF_SERVICE), quiet(OUT_OF_SERVICE), refused(), refused(), refused(),
                refused(), quiet(OUT_OF_SERVICE),
                to(OUT_OF_SERVICE, SUPPRESSED_EVENT), quiet(OUT_OF_SERVICE), refused(), to(NORMAL, BACK_IN_SERVICE));
        row(t, "OUT_OF_SERVICE over SHELVED over SUPPRESSED",
                quiet(OUT_OF_SERVICE), quiet(OUT_OF_SERVICE), refused(), refused(), refused(),
                to(OUT_OF_SERVICE, UNSHELVED), to(OUT_OF_SERVICE, SHELF_EXPIRED),
                quiet(OUT_OF_SERVICE), to(OUT_OF_SERVICE, UNSUPPRESSED), refused(), to(SHELVED, BACK_IN_SERVICE));
        return t;
    }

    private static void row(List<Case> table, String start, Expect... byInput) {
        List<String> inputs = List.copyOf(INPUTS.keySet());
        assertThat(byInput).as("one column per input kind for %s", start).hasSize(inputs.size());
        for (int i = 0; i < byInput.length; i++) {
            table.add(new Case(start, inputs.get(i), byInput[i]));
        }
    }

    // ---- the table -----------------------------------------------------------------------------

    @Test
    void theTableCoversEveryStartStatusWithEveryInputKind() {
        Set<String> pairs = new HashSet<>();
        for (Case c : table()) {
            assertThat(pairs.add(c.start() + "|" + c.input())).as("duplicate row %s", c).isTrue();
        }
        assertThat(pairs).hasSize(STARTS.size() * INPUTS.size());
        // every visible state is a start state of the table
        assertThat(STARTS.values()).extracting(AlarmStatus::state).containsAll(List.of(AlarmState.values()));
        // and every kind of input is in it
        Set<String> kinds = new HashSet<>();
        INPUTS.values().forEach(in -> kinds.add(in.getClass().getName()));
        Set<String> declared = new HashSet<>();
        for (Class<?> c : AlarmInput.class.getPermittedSubclasses()) {
            declared.add(c.getName());
        }
        assertThat(kinds).isEqualTo(declared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachStartStatusAndInputGivesTheISA182Result(Case c) {
        AlarmStatus start = STARTS.get(c.start());
        AlarmStateMachine.Step step = AlarmStateMachine.apply(start, INPUTS.get(c.input()));

        if (c.expect().refused()) {
            assertThat(step.refused()).as("refused").isTrue();
            assertThat(step.refusal()).hasValueSatisfying(why -> assertThat(why).isNotBlank());
            assertThat(step.next()).as("a refusal leaves the status unchanged").isEqualTo(start);
            assertThat(step.event()).isEmpty();
            assertThat(step.activation()).isFalse();
        } else {
            assertThat(step.refused()).as("refused (%s)", step.refusal()).isFalse();
            assertThat(step.next().state()).as("visible state").isEqualTo(c.expect().state());
            assertThat(step.event()).as("event").isEqualTo(c.expect().event());
            assertThat(step.activation()).as("activation").isEqualTo(c.expect().activation());
        }
    }

    // ---- every combination ---------------------------------------------------------------------

    /** Every status the record can hold with a base state: 4 bases × condition × latched × 8 mask sets. */
    private static List<AlarmStatus> everyStatus() {
        List<AlarmStatus> all = new ArrayList<>();
        for (AlarmState b : List.of(NORMAL, UNACKNOWLEDGED, ACKNOWLEDGED, RETURNED_UNACKNOWLEDGED)) {
            for (boolean condition : new boolean[] {false, true}) {
                for (boolean latched : new boolean[] {false, true}) {
                    for (int masks = 0; masks < 8; masks++) {
                        all.add(new AlarmStatus(b, condition, latched,
                                (masks & 1) != 0 ? Optional.of(shelf()) : Optional.empty(),
                                (masks & 2) != 0 ? Optional.of("by design") : Optional.empty(),
                                (masks & 4) != 0 ? Optional.of("maintenance") : Optional.empty()));
                    }
                }
            }
        }
        return all;
    }

    @Test
    void noCombinationThrowsAndEveryStepKeepsTheInvariants() {
        List<AlarmStatus> statuses = everyStatus();
        assertThat(statuses).hasSize(128);
        Set<Class<?>> personActions = Set.of(AlarmInput.Acknowledge.class, AlarmInput.Reset.class, AlarmInput.Shelve.class,
                AlarmInput.Unshelve.class, AlarmInput.RemoveFromService.class, AlarmInput.ReturnToService.class);
        int steps = 0;
        for (AlarmStatus s : statuses) {
            for (AlarmInput input : INPUTS.values()) {
                String what = s + " + " + input;
                assertThatCode(() -> AlarmStateMachine.apply(s, input)).as(what).doesNotThrowAnyException();
                AlarmStateMachine.Step step = AlarmStateMachine.apply(s, input);
                steps++;
                assertThat(step).as(what).isNotNull();
                assertThat(step.next()).as(what).isNotNull();
                if (step.refused()) {
                    assertThat(step.next()).as("refused step leaves the status unchanged: " + what).isSameAs(s);
                    assertThat(step.event()).as(what).isEmpty();
                    assertThat(step.activation()).as(what).isFalse();
                    assertThat(personActions).as("only a person's action is refused: " + what).contains(input.getClass());
                    continue;
                }
                assertThat(step.next().latched()).as("latching is the rule's, never changed: " + what).isEqualTo(s.latched());
                assertThat(List.of(NORMAL, UNACKNOWLEDGED, ACKNOWLEDGED, RETURNED_UNACKNOWLEDGED))
                        .as("base stays a base state: " + what).contains(step.next().base());
                if (input instanceof AlarmInput.ConditionActive) {
                    assertThat(step.next().condition()).as(what).isTrue();
                } else if (input instanceof AlarmInput.ConditionCleared) {
                    assertThat(step.next().condition()).as(what).isFalse();
                } else {
                    assertThat(step.next().condition()).as("only the condition inputs move the condition: " + what).isEqualTo(s.condition());
                }
                if (step.activation()) {
                    assertThat(step.next().state()).as("an activation is announced: " + what).isEqualTo(UNACKNOWLEDGED);
                    assertThat(step.event()).as(what).isPresent();
                }
                if (personActions.contains(input.getClass())) {
                    assertThat(step.event()).as("an accepted action is always on the timeline: " + what).isPresent();
                }
                if (step.event().isEmpty()) {
                    assertThat(step.next().state()).as("a quiet step does not change what the duty room sees: " + what)
                            .isEqualTo(s.state());
                }
                if (s.masked() && (input instanceof AlarmInput.ConditionActive || input instanceof AlarmInput.ConditionCleared)) {
                    assertThat(step.event()).as("a masked alarm's condition is noted, not announced: " + what).isEmpty();
                    assertThat(step.next().state()).as(what).isEqualTo(s.state());
                }
                assertThat(s.masked() && input instanceof AlarmInput.Acknowledge)
                        .as("acknowledge accepted while masked: " + what).isFalse();
            }
        }
        assertThat(steps).isEqualTo(128 * INPUTS.size());
    }

    // ---- the ISA-18.2 sequences ----------------------------------------------------------------

    private static AlarmStatus run(AlarmStatus s, AlarmInput... inputs) {
        for (AlarmInput in : inputs) {
            AlarmStateMachine.Step step = AlarmStateMachine.apply(s, in);
            assertThat(step.refused()).as("%s refused: %s", in, step.refusal()).isFalse();
            s = step.next();
        }
        return s;
    }

    private static final AlarmInput ACTIVE = new AlarmInput.ConditionActive();
    private static final AlarmInput CLEAR = new AlarmInput.ConditionCleared();
    private static final AlarmInput ACK = new AlarmInput.Acknowledge("zhao");
    private static final AlarmInput RESET_INPUT = new AlarmInput.Reset("zhao");

    @Test
    void normalWithConditionActiveRaisesAnUnacknowledgedAlarm() {
        AlarmStateMachine.Step step = AlarmStateMachine.apply(AlarmStatus.normal(false), ACTIVE);
        assertThat(step.next().state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(step.next().condition()).isTrue();
        assertThat(step.event()).contains("alarm.raised");
        assertThat(step.activation()).isTrue();
    }

    @Test
    void unacknowledgedThatClearsReturnsUnacknowledgedAndAcknowledgingItEndsIt() {
        AlarmStatus raised = run(AlarmStatus.normal(false), ACTIVE);
        AlarmStateMachine.Step returned = AlarmStateMachine.apply(raised, CLEAR);
        assertThat(returned.next().state()).isEqualTo(RETURNED_UNACKNOWLEDGED);
        assertThat(returned.event()).contains("alarm.returned");
        assertThat(returned.activation()).isFalse();

        AlarmStateMachine.Step acked = AlarmStateMachine.apply(returned.next(), ACK);
        assertThat(acked.next().state()).isEqualTo(NORMAL);
        assertThat(acked.next().closed()).isTrue();
        assertThat(acked.event()).contains("alarm.acknowledged");
    }

    @Test
    void returnedUnacknowledgedThatComesBackIsRepeatedAsAnActivation() {
        AlarmStatus returned = run(AlarmStatus.normal(false), ACTIVE, CLEAR);
        AlarmStateMachine.Step again = AlarmStateMachine.apply(returned, ACTIVE);
        assertThat(again.next().state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(again.event()).contains("alarm.repeated");
        assertThat(again.activation()).isTrue();
    }

    @Test
    void acknowledgedThatClearsGoesBackToNormal() {
        AlarmStatus acked = run(AlarmStatus.normal(false), ACTIVE, ACK);
        assertThat(acked.state()).isEqualTo(ACKNOWLEDGED);
        AlarmStateMachine.Step cleared = AlarmStateMachine.apply(acked, CLEAR);
        assertThat(cleared.next().state()).isEqualTo(NORMAL);
        assertThat(cleared.event()).contains("alarm.cleared");
        assertThat(cleared.activation()).isFalse();
    }

    @Test
    void aLatchedUnacknowledgedAlarmStaysUnacknowledgedWhenItsConditionClears() {
        AlarmStatus raised = run(AlarmStatus.normal(true), ACTIVE);
        AlarmStateMachine.Step cleared = AlarmStateMachine.apply(raised, CLEAR);
        assertThat(cleared.next().state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(cleared.next().condition()).isFalse();
        assertThat(cleared.event()).contains("alarm.returned");

        AlarmStateMachine.Step resetFirst = AlarmStateMachine.apply(cleared.next(), RESET_INPUT);
        assertThat(resetFirst.refused()).as("reset refused while unacknowledged").isTrue();
        assertThat(resetFirst.refusal().orElseThrow()).contains("acknowledge");

        AlarmStatus acked = run(cleared.next(), ACK);
        assertThat(acked.state()).isEqualTo(ACKNOWLEDGED);
        AlarmStateMachine.Step reset = AlarmStateMachine.apply(acked, RESET_INPUT);
        assertThat(reset.next().state()).isEqualTo(NORMAL);
        assertThat(reset.event()).contains("alarm.reset");
    }

    @Test
    void aLatchedAcknowledgedAlarmWaitsForItsResetAfterClearing() {
        AlarmStatus acked = run(AlarmStatus.normal(true), ACTIVE, ACK);
        AlarmStateMachine.Step resetTooEarly = AlarmStateMachine.apply(acked, RESET_INPUT);
        assertThat(resetTooEarly.refused()).as("reset refused while the condition is active").isTrue();
        assertThat(resetTooEarly.refusal().orElseThrow()).contains("still active");

        AlarmStateMachine.Step cleared = AlarmStateMachine.apply(acked, CLEAR);
        assertThat(cleared.next().state()).isEqualTo(ACKNOWLEDGED);
        assertThat(cleared.next().condition()).isFalse();
        assertThat(cleared.event()).isNotEqualTo(Optional.of("alarm.cleared"));

        AlarmStateMachine.Step reset = AlarmStateMachine.apply(cleared.next(), RESET_INPUT);
        assertThat(reset.refused()).isFalse();
        assertThat(reset.next().state()).isEqualTo(NORMAL);
        assertThat(reset.event()).contains("alarm.reset");
    }

    @Test
    void resetIsRefusedForANonLatchingAlarmInEveryState() {
        for (AlarmStatus s : List.of(AlarmStatus.normal(false), run(AlarmStatus.normal(false), ACTIVE),
                run(AlarmStatus.normal(false), ACTIVE, ACK), run(AlarmStatus.normal(false), ACTIVE, CLEAR))) {
            AlarmStateMachine.Step step = AlarmStateMachine.apply(s, RESET_INPUT);
            assertThat(step.refused()).as("reset of %s", s).isTrue();
            assertThat(step.refusal().orElseThrow()).contains("latching");
            assertThat(step.next()).isEqualTo(s);
        }
    }

    @Test
    void shelvedWhileActiveComesBackUnacknowledgedWhenUnshelved() {
        AlarmStatus acked = run(AlarmStatus.normal(false), ACTIVE, ACK);
        AlarmStatus shelved = run(acked, new AlarmInput.Shelve("wu", "known fault", UNTIL));
        assertThat(shelved.state()).isEqualTo(SHELVED);
        assertThat(shelved.shelf()).hasValueSatisfying(sh -> {
            assertThat(sh.user()).isEqualTo("wu");
            assertThat(sh.reason()).isEqualTo("known fault");
            assertThat(sh.until()).isEqualTo(UNTIL);
        });

        AlarmStateMachine.Step unshelved = AlarmStateMachine.apply(shelved, new AlarmInput.Unshelve("wu"));
        assertThat(unshelved.next().state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(unshelved.next().shelf()).isEmpty();
        assertThat(unshelved.event()).contains("alarm.unshelved");
        assertThat(unshelved.activation()).isTrue();
    }

    @Test
    void shelvedAlarmWhoseConditionClearedIsNormalWhenUnshelved() {
        AlarmStatus shelved = run(AlarmStatus.normal(false), ACTIVE, new AlarmInput.Shelve("wu", "known fault", UNTIL));
        AlarmStateMachine.Step cleared = AlarmStateMachine.apply(shelved, CLEAR);
        assertThat(cleared.next().state()).isEqualTo(SHELVED);
        assertThat(cleared.event()).isEmpty();

        AlarmStateMachine.Step unshelved = AlarmStateMachine.apply(cleared.next(), new AlarmInput.Unshelve("wu"));
        assertThat(unshelved.next().state()).isEqualTo(NORMAL);
        assertThat(unshelved.next().closed()).isTrue();
        assertThat(unshelved.event()).contains("alarm.unshelved");
        assertThat(unshelved.activation()).isFalse();
    }

    @Test
    void aShelfThatExpiresActsLikeUnshelving() {
        AlarmStatus shelved = run(AlarmStatus.normal(false), ACTIVE, new AlarmInput.Shelve("wu", "known fault", UNTIL));
        AlarmStateMachine.Step expired = AlarmStateMachine.apply(shelved, new AlarmInput.ShelfExpired());
        assertThat(expired.next().state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(expired.event()).contains("alarm.shelf-expired");
        assertThat(expired.activation()).isTrue();
    }

    @Test
    void acknowledgeIsRefusedWhileMasked() {
        AlarmStatus raised = run(AlarmStatus.normal(false), ACTIVE);
        for (AlarmInput mask : List.of(new AlarmInput.Shelve("wu", "nuisance", UNTIL), new AlarmInput.Suppress("comm-loss"),
                new AlarmInput.RemoveFromService("wu", "maintenance"))) {
            AlarmStatus masked = run(raised, mask);
            AlarmStateMachine.Step ack = AlarmStateMachine.apply(masked, ACK);
            assertThat(ack.refused()).as("acknowledge while %s", masked.state()).isTrue();
            assertThat(ack.next()).isEqualTo(masked);
        }
    }

    @Test
    void masksNestOutOfServiceOverShelvedOverSuppressed() {
        AlarmStatus s = run(AlarmStatus.normal(false), ACTIVE, new AlarmInput.Suppress("comm-loss"));
        assertThat(s.state()).isEqualTo(SUPPRESSED);
        s = run(s, new AlarmInput.Shelve("wu", "nuisance", UNTIL));
        assertThat(s.state()).isEqualTo(SHELVED);
        s = run(s, new AlarmInput.RemoveFromService("wu", "maintenance"));
        assertThat(s.state()).isEqualTo(OUT_OF_SERVICE);

        AlarmStateMachine.Step back = AlarmStateMachine.apply(s, new AlarmInput.ReturnToService("wu"));
        assertThat(back.next().state()).isEqualTo(SHELVED);
        assertThat(back.event()).contains("alarm.returned-to-service");
        assertThat(back.activation()).isFalse();

        AlarmStateMachine.Step unshelved = AlarmStateMachine.apply(back.next(), new AlarmInput.Unshelve("wu"));
        assertThat(unshelved.next().state()).isEqualTo(SUPPRESSED);
        assertThat(unshelved.activation()).isFalse();

        AlarmStateMachine.Step unsuppressed = AlarmStateMachine.apply(unshelved.next(), new AlarmInput.Unsuppress());
        assertThat(unsuppressed.next().state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(unsuppressed.event()).contains("alarm.unsuppressed");
        assertThat(unsuppressed.activation()).as("the last mask lifts on an active condition: announced again").isTrue();
    }

    @Test
    void aLatchedAlarmKeepsWaitingForItsResetAfterAMaskLifts() {
        AlarmStatus s = run(AlarmStatus.normal(true), ACTIVE, ACK, new AlarmInput.Suppress("comm-loss"), CLEAR);
        AlarmStateMachine.Step unsuppressed = AlarmStateMachine.apply(s, new AlarmInput.Unsuppress());
        assertThat(unsuppressed.next().state()).isEqualTo(ACKNOWLEDGED);
        assertThat(unsuppressed.next().condition()).isFalse();
        assertThat(AlarmStateMachine.apply(unsuppressed.next(), RESET_INPUT).next().state()).isEqualTo(NORMAL);
    }

    @Test
    void everyEventKindTheMachineEmitsIsADeclaredAlarmEvent() {
        Set<String> emitted = new HashSet<>();
        for (AlarmStatus s : everyStatus()) {
            for (AlarmInput input : INPUTS.values()) {
                AlarmStateMachine.apply(s, input).event().ifPresent(emitted::add);
            }
        }
        assertThat(AlarmEvents.ALL).containsAll(emitted);
        assertThat(emitted).containsAll(Arrays.asList(AlarmEvents.RAISED, AlarmEvents.REPEATED, AlarmEvents.RETURNED,
                AlarmEvents.CLEARED, AlarmEvents.ACKNOWLEDGED, AlarmEvents.RESET, AlarmEvents.SHELVED, AlarmEvents.UNSHELVED,
                AlarmEvents.SHELF_EXPIRED, AlarmEvents.SUPPRESSED, AlarmEvents.UNSUPPRESSED, AlarmEvents.OUT_OF_SERVICE,
                AlarmEvents.RETURNED_TO_SERVICE));
    }
}

package io.dutyroom.hub.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The complaint lifecycle pinned exhaustively: every action in every state, with the complaint owned
 * by {@code desk.zhou}, who received it. A dash is a refusal.
 */
class ComplaintLifecycleTest {
    private static final String OWNER = "desk.zhou";

    /** The actions of the table, by column name. */
    private static final Map<String, ComplaintAction> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("assign", new ComplaintAction.Assign(OWNER, ComplaintKind.HELP_SEEKING, "engineering", false));
        ACTIONS.put("assign major", new ComplaintAction.Assign(OWNER, ComplaintKind.VENTING, "security", true));
        ACTIONS.put("handle", new ComplaintAction.Handle("eng.head", "supervisor on site"));
        ACTIONS.put("resolve", new ComplaintAction.Resolve("eng.head", "pipe joint resealed"));
        ACTIONS.put("visit ok", new ComplaintAction.ReturnVisit(OWNER, true, null));
        ACTIONS.put("visit not ok", new ComplaintAction.ReturnVisit(OWNER, false, "still dripping"));
        ACTIONS.put("close", new ComplaintAction.Close(OWNER));
        ACTIONS.put("escalate", new ComplaintAction.Escalate("eng.head", "needs the owners' committee"));
        ACTIONS.put("reassign by owner", new ComplaintAction.Reassign(OWNER, "desk.li"));
        ACTIONS.put("reassign by other", new ComplaintAction.Reassign("desk.li", "desk.li"));
    }

    // columns:          assign    assign major  handle    resolve   visit ok        visit not ok  close   escalate        reassign by owner  reassign by other
    private static final String TABLE = """
            recorded        assigned  assigned      -         -         -               -             -       recorded        recorded           -
            assigned        assigned  assigned      handling  -         -               -             -       assigned        assigned           -
            handling        assigned  assigned      -         resolved  -               -             -       handling        handling           -
            resolved        -         -             -         -         return-visited  handling      -       resolved        resolved           -
            return-visited  -         -             -         -         -               -             closed  return-visited  return-visited     -
            closed          -         -             -         -         -               -             -       -               -                  -
            """;

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        List<String> columns = List.copyOf(ACTIONS.keySet());
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            assertThat(cells).as(line).hasSize(columns.size() + 1);
            ComplaintState from = ComplaintState.ofCode(cells[0]).orElseThrow();
            for (int i = 0; i < columns.size(); i++) {
                rows.add(Arguments.of(from, columns.get(i), cells[i + 1]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("table")
    void everyActionInEveryState(ComplaintState from, String action, String expected) {
        ComplaintAction a = ACTIONS.get(action);
        ComplaintLifecycle.Transition t = ComplaintLifecycle.apply(from, OWNER, a);
        if (expected.equals("-")) {
            assertThat(t.allowed()).as("refused").isFalse();
            assertThat(t.refusal().get()).isNotBlank();
            assertThat(t.to()).as("a refusal changes nothing").isEqualTo(from);
            assertThat(t.owner()).isEqualTo(OWNER);
            assertThat(t.event()).isNull();
            assertThat(t.escalated()).isFalse();
        } else {
            assertThat(t.refusal()).isEmpty();
            assertThat(t.to().code()).isEqualTo(expected);
            assertThat(t.event()).startsWith("complaint.");
            assertThat(t.owner()).as("only a reassignment changes the owner")
                    .isEqualTo(a instanceof ComplaintAction.Reassign r ? r.owner() : OWNER);
            assertThat(t.escalated()).as("only a major assignment or an escalation goes to the director")
                    .isEqualTo(a instanceof ComplaintAction.Escalate
                            || a instanceof ComplaintAction.Assign assign && assign.major());
        }
    }

    @Test
    void theTableCoversEveryStateAndEveryAction() {
        assertThat(table().map(a -> a.get()[0]).distinct()).containsExactlyInAnyOrder((Object[]) ComplaintState.values());
        assertThat(ACTIONS.values().stream().map(a -> a.getClass().getSimpleName()).distinct())
                .containsExactlyInAnyOrderElementsOf(Stream.of(ComplaintAction.class.getPermittedSubclasses()).map(Class::getSimpleName).toList());
    }

    @Test
    void eachStepTellsTheTimelineWithItsOwnEvent() {
        assertThat(ComplaintLifecycle.apply(ComplaintState.RECORDED, OWNER, ACTIONS.get("assign")).event()).isEqualTo(ComplaintEvents.ASSIGNED);
        assertThat(ComplaintLifecycle.apply(ComplaintState.ASSIGNED, OWNER, ACTIONS.get("handle")).event()).isEqualTo(ComplaintEvents.HANDLING);
        assertThat(ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER, ACTIONS.get("resolve")).event()).isEqualTo(ComplaintEvents.RESOLVED);
        assertThat(ComplaintLifecycle.apply(ComplaintState.RESOLVED, OWNER, ACTIONS.get("visit ok")).event()).isEqualTo(ComplaintEvents.RETURN_VISITED);
        assertThat(ComplaintLifecycle.apply(ComplaintState.RESOLVED, OWNER, ACTIONS.get("visit not ok")).event()).isEqualTo(ComplaintEvents.RETURN_VISITED);
        assertThat(ComplaintLifecycle.apply(ComplaintState.RETURN_VISITED, OWNER, ACTIONS.get("close")).event()).isEqualTo(ComplaintEvents.CLOSED);
        assertThat(ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER, ACTIONS.get("escalate")).event()).isEqualTo(ComplaintEvents.ESCALATED);
        assertThat(ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER, ACTIONS.get("reassign by owner")).event()).isEqualTo(ComplaintEvents.REASSIGNED);
    }

    @Test
    void onlyTheOwnerHandsTheComplaintOn() {
        ComplaintLifecycle.Transition handedOn = ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER,
                new ComplaintAction.Reassign(OWNER, "desk.li"));
        assertThat(handedOn.owner()).isEqualTo("desk.li");
        assertThat(handedOn.to()).as("handing on is not a step").isEqualTo(ComplaintState.HANDLING);

        ComplaintLifecycle.Transition taken = ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER,
                new ComplaintAction.Reassign("desk.li", "desk.li"));
        assertThat(taken.refusal().get()).contains("desk.zhou's complaint until it is closed");
        assertThat(ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER, new ComplaintAction.Reassign("eng.head", "desk.li"))
                .allowed()).as("not even the department head takes it away").isFalse();

        assertThat(ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER, new ComplaintAction.Reassign(OWNER, OWNER))
                .refusal().get()).contains("already desk.zhou's");
        assertThat(ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER, new ComplaintAction.Reassign(OWNER, " "))
                .refusal().get()).contains("name the person");
        assertThat(ComplaintLifecycle.apply(ComplaintState.RECORDED, OWNER, new ComplaintAction.Reassign(null, "desk.li"))
                .allowed()).isFalse();
    }

    @Test
    void stepsOtherThanHandingOnKeepTheOwnerWhoeverDoesThem() {
        ComplaintLifecycle.Transition t = ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER,
                new ComplaintAction.Resolve("eng.head", "fixed"));
        assertThat(t.owner()).isEqualTo(OWNER);
    }

    @Test
    void aMajorComplaintOrAnEscalationGoesToTheDirectorWithoutMovingTheComplaint() {
        ComplaintLifecycle.Transition major = ComplaintLifecycle.apply(ComplaintState.RECORDED, OWNER,
                new ComplaintAction.Assign(OWNER, ComplaintKind.VENTING, "security", true));
        assertThat(major.to()).isEqualTo(ComplaintState.ASSIGNED);
        assertThat(major.escalated()).isTrue();
        assertThat(major.event()).isEqualTo(ComplaintEvents.ASSIGNED);

        for (ComplaintState open : ComplaintState.values()) {
            if (!open.open()) {
                continue;
            }
            ComplaintLifecycle.Transition t = ComplaintLifecycle.apply(open, OWNER, new ComplaintAction.Escalate("eng.head", "cannot solve it"));
            assertThat(t.allowed()).as(open.code()).isTrue();
            assertThat(t.escalated()).isTrue();
            assertThat(t.to()).isEqualTo(open);
            assertThat(t.owner()).as("the director helps; the owner still answers for it").isEqualTo(OWNER);
        }
        assertThat(ComplaintLifecycle.apply(ComplaintState.CLOSED, OWNER, new ComplaintAction.Escalate("director", "late")).allowed()).isFalse();
    }

    @Test
    void aComplaintMovesToAnotherDepartmentUntilItIsResolved() {
        ComplaintLifecycle.Transition t = ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER,
                new ComplaintAction.Assign(OWNER, ComplaintKind.HELP_SEEKING, "cleaning", false));
        assertThat(t.to()).as("the new department takes it up anew").isEqualTo(ComplaintState.ASSIGNED);
        assertThat(ComplaintLifecycle.apply(ComplaintState.RECORDED, OWNER, new ComplaintAction.Assign(OWNER, ComplaintKind.CONSULTATION, "", false))
                .refusal().get()).contains("responsible department");
        assertThat(ComplaintLifecycle.apply(ComplaintState.RECORDED, OWNER, new ComplaintAction.Assign(OWNER, null, "engineering", false))
                .refusal().get()).contains("judge its nature");
    }

    @Test
    void refusalsSayWhy() {
        assertThat(ComplaintLifecycle.apply(ComplaintState.RECORDED, OWNER, ACTIONS.get("resolve")).refusal().get())
                .contains("nature has not been judged");
        assertThat(ComplaintLifecycle.apply(ComplaintState.ASSIGNED, OWNER, ACTIONS.get("resolve")).refusal().get())
                .contains("not taken it up yet");
        assertThat(ComplaintLifecycle.apply(ComplaintState.HANDLING, OWNER, ACTIONS.get("visit ok")).refusal().get())
                .contains("not resolved yet");
        assertThat(ComplaintLifecycle.apply(ComplaintState.RESOLVED, OWNER, ACTIONS.get("close")).refusal().get())
                .contains("after its return visit");
        assertThat(ComplaintLifecycle.apply(ComplaintState.CLOSED, OWNER, ACTIONS.get("escalate")).refusal())
                .contains("the complaint is closed");
    }

    @Test
    void aResidentNotSatisfiedSendsItBackToTheDepartment() {
        ComplaintLifecycle.Transition t = ComplaintLifecycle.apply(ComplaintState.RESOLVED, OWNER,
                new ComplaintAction.ReturnVisit(OWNER, false, "still dripping"));
        assertThat(t.to()).isEqualTo(ComplaintState.HANDLING);
        assertThat(t.owner()).isEqualTo(OWNER);
    }

    @Test
    void codesReadBack() {
        for (ComplaintState s : ComplaintState.values()) {
            assertThat(ComplaintState.ofCode(s.code())).contains(s);
        }
        for (ComplaintKind k : ComplaintKind.values()) {
            assertThat(ComplaintKind.ofCode(k.code())).contains(k);
        }
        for (ComplaintChannel c : ComplaintChannel.values()) {
            assertThat(ComplaintChannel.ofCode(c.code())).contains(c);
        }
        assertThat(ComplaintChannel.ofCode("email-web")).contains(ComplaintChannel.EMAIL_WEB);
        assertThat(ComplaintChannel.ofCode("fax")).isEmpty();
        assertThat(ComplaintKind.ofCode("help-seeking")).contains(ComplaintKind.HELP_SEEKING);
        assertThat(ComplaintState.ofCode("return-visited")).contains(ComplaintState.RETURN_VISITED);
        assertThat(ComplaintState.ofCode(null)).isEmpty();
        assertThat(ComplaintState.values()).filteredOn(s -> !s.open()).containsExactly(ComplaintState.CLOSED);
    }
}

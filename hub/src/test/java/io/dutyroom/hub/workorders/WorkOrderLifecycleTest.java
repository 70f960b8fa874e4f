package io.dutyroom.hub.workorders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The work-order lifecycle pinned exhaustively: every action in every state, with the engineer the
 * order is with being {@code wang} (none while created). A dash is a refusal.
 */
class WorkOrderLifecycleTest {
    private static final String ASSIGNEE = "wang";

    /** The actions of the table, by column name. */
    private static final Map<String, WorkOrderAction> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("dispatch li", new WorkOrderAction.Dispatch("desk", "li"));
        ACTIONS.put("dispatch wang", new WorkOrderAction.Dispatch("desk", ASSIGNEE));
        ACTIONS.put("accept wang", new WorkOrderAction.Accept(ASSIGNEE));
        ACTIONS.put("accept li", new WorkOrderAction.Accept("li"));
        ACTIONS.put("arrive", new WorkOrderAction.Arrive(ASSIGNEE));
        ACTIONS.put("resolve", new WorkOrderAction.Resolve(ASSIGNEE, "contactor replaced"));
        ACTIONS.put("visit fixed", new WorkOrderAction.ReturnVisit("desk", 5, true, null));
        ACTIONS.put("visit back", new WorkOrderAction.ReturnVisit("desk", 1, false, "no water again"));
        ACTIONS.put("close", new WorkOrderAction.Close("supervisor"));
        ACTIONS.put("cancel", new WorkOrderAction.Cancel("supervisor", "duplicate of a phone report"));
        ACTIONS.put("reopen", new WorkOrderAction.Reopen("desk", "leaking again"));
    }

    // columns:     dispatch li  dispatch wang  accept wang  accept li  arrive    resolve   visit fixed  visit back  close   cancel     reopen
    private static final String TABLE = """
            created     dispatched  dispatched     -            -          -         -         -            -           -       cancelled  -
            dispatched  dispatched  -              accepted     -          -         -         -            -           -       cancelled  -
            accepted    dispatched  dispatched     -            -          on-site   -         -            -           -       cancelled  -
            on-site     dispatched  dispatched     -            -          -         resolved  -            -           -       cancelled  -
            resolved    -           -              -            -          -         -         verified     dispatched  -       -          dispatched
            verified    -           -              -            -          -         -         -            -           closed  -          dispatched
            closed      -           -              -            -          -         -         -            -           -       -          -
            cancelled   -           -              -            -          -         -         -            -           -       -          -
            """;

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        List<String> columns = List.copyOf(ACTIONS.keySet());
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            assertThat(cells).as(line).hasSize(columns.size() + 1);
            WorkOrderState from = WorkOrderState.ofCode(cells[0]).orElseThrow();
            for (int i = 0; i < columns.size(); i++) {
                rows.add(Arguments.of(from, columns.get(i), cells[i + 1]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("table")
    void everyActionInEveryState(WorkOrderState from, String action, String expected) {
        Optional<String> assignee = from == WorkOrderState.CREATED ? Optional.empty() : Optional.of(ASSIGNEE);
        WorkOrderLifecycle.Transition t = WorkOrderLifecycle.apply(from, assignee, ACTIONS.get(action));
        if (expected.equals("-")) {
            assertThat(t.allowed()).as("refused").isFalse();
            assertThat(t.refusal().get()).isNotBlank();
            assertThat(t.to()).as("a refusal changes nothing").isEqualTo(from);
            assertThat(t.assignee()).isEqualTo(assignee);
        } else {
            assertThat(t.refusal()).isEmpty();
            assertThat(t.to().code()).isEqualTo(expected);
            assertThat(t.event()).startsWith("workorder.");
        }
    }

    @Test
    void theTableCoversEveryState() {
        assertThat(table().map(a -> a.get()[0]).distinct()).containsExactlyInAnyOrder((Object[]) WorkOrderState.values());
    }

    @Test
    void dispatchHandsTheOrderToTheNewEngineer() {
        WorkOrderLifecycle.Transition t = WorkOrderLifecycle.apply(WorkOrderState.ACCEPTED, Optional.of(ASSIGNEE),
                new WorkOrderAction.Dispatch("desk", "li"));
        assertThat(t.assignee()).contains("li");
        assertThat(t.event()).isEqualTo(WorkOrderEvents.DISPATCHED);
    }

    @Test
    void refusalsSayWhy() {
        assertThat(WorkOrderLifecycle.apply(WorkOrderState.DISPATCHED, Optional.of(ASSIGNEE), new WorkOrderAction.Resolve(ASSIGNEE, "done"))
                .refusal()).contains("nobody has accepted it yet");
        assertThat(WorkOrderLifecycle.apply(WorkOrderState.DISPATCHED, Optional.of(ASSIGNEE), new WorkOrderAction.Accept("li"))
                .refusal().get()).contains("dispatched to wang");
        assertThat(WorkOrderLifecycle.apply(WorkOrderState.RESOLVED, Optional.of(ASSIGNEE), new WorkOrderAction.Close("desk"))
                .refusal().get()).contains("after its return visit");
        assertThat(WorkOrderLifecycle.apply(WorkOrderState.CLOSED, Optional.of(ASSIGNEE), new WorkOrderAction.Reopen("desk", "x"))
                .refusal()).contains("the work order is closed");
    }

    @Test
    void aFailedReturnVisitSendsTheOrderBackToItsEngineer() {
        WorkOrderLifecycle.Transition t = WorkOrderLifecycle.apply(WorkOrderState.RESOLVED, Optional.of(ASSIGNEE),
                new WorkOrderAction.ReturnVisit("desk", 2, false, "no water again"));
        assertThat(t.to()).isEqualTo(WorkOrderState.DISPATCHED);
        assertThat(t.assignee()).contains(ASSIGNEE);
        assertThat(t.event()).isEqualTo(WorkOrderEvents.RETURN_VISITED);
    }
}

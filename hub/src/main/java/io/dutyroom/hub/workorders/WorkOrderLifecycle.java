package io.dutyroom.hub.workorders;

import static io.dutyroom.hub.workorders.WorkOrderState.ACCEPTED;
import static io.dutyroom.hub.workorders.WorkOrderState.CANCELLED;
import static io.dutyroom.hub.workorders.WorkOrderState.CLOSED;
import static io.dutyroom.hub.workorders.WorkOrderState.CREATED;
import static io.dutyroom.hub.workorders.WorkOrderState.DISPATCHED;
import static io.dutyroom.hub.workorders.WorkOrderState.ON_SITE;
import static io.dutyroom.hub.workorders.WorkOrderState.RESOLVED;
import static io.dutyroom.hub.workorders.WorkOrderState.VERIFIED;

import java.util.Optional;

/**
 * The rules of a work order's steps, as one pure function: which action is allowed in which state,
 * where it leads, and why a refused one is refused. No step is skipped: an order nobody accepted
 * cannot be resolved, and an order is closed only after its return visit.
 */
public final class WorkOrderLifecycle {

    /**
     * The outcome of an action: the next state and assignee with the timeline event that tells of it,
     * or a refusal that says why.
     */
    public record Transition(WorkOrderState to, Optional<String> assignee, String event, Optional<String> refusal) {
        static Transition to(WorkOrderState to, Optional<String> assignee, String event) {
            return new Transition(to, assignee, event, Optional.empty());
        }

        static Transition refused(WorkOrderState stays, Optional<String> assignee, String why) {
            return new Transition(stays, assignee, null, Optional.of(why));
        }

        public boolean allowed() {
            return refusal.isEmpty();
        }
    }

    private WorkOrderLifecycle() {
    }

    public static Transition apply(WorkOrderState state, Optional<String> assignee, WorkOrderAction action) {
        if (!state.open()) {
            return Transition.refused(state, assignee, "the work order is " + state.code());
        }
        if (action instanceof WorkOrderAction.Dispatch dispatch) {
            return dispatch(state, assignee, dispatch);
        } else if (action instanceof WorkOrderAction.Accept accept) {
            if (state != DISPATCHED) {
                return Transition.refused(state, assignee, state == CREATED ? "it has not been dispatched to anyone yet"
                        : "it is " + state.code() + "; only a dispatched order is accepted");
            }
            if (!assignee.map(accept.by()::equals).orElse(false)) {
                return Transition.refused(state, assignee, "it is dispatched to " + assignee.orElse("nobody")
                        + "; only that engineer accepts it, or dispatch it to " + accept.by() + " first");
            }
            return Transition.to(ACCEPTED, assignee, WorkOrderEvents.ACCEPTED);
        } else if (action instanceof WorkOrderAction.Arrive) {
            return state == ACCEPTED ? Transition.to(ON_SITE, assignee, WorkOrderEvents.ARRIVED)
                    : Transition.refused(state, assignee, notYet(state, "accepted"));
        } else if (action instanceof WorkOrderAction.Resolve) {
            return state == ON_SITE ? Transition.to(RESOLVED, assignee, WorkOrderEvents.RESOLVED)
                    : Transition.refused(state, assignee, state.compareTo(ON_SITE) < 0 ? notYet(state, "on site") : "it is already " + state.code());
        } else if (action instanceof WorkOrderAction.ReturnVisit visit) {
            if (state != RESOLVED) {
                return Transition.refused(state, assignee, state == VERIFIED ? "its return visit is done"
                        : "the work is not resolved yet; the return visit follows the resolution");
            }
            // the problem is back: the order goes round again with the engineer who knows it
            return Transition.to(visit.fixed() ? VERIFIED : DISPATCHED, assignee, WorkOrderEvents.RETURN_VISITED);
        } else if (action instanceof WorkOrderAction.Close) {
            return state == VERIFIED ? Transition.to(CLOSED, assignee, WorkOrderEvents.CLOSED)
                    : Transition.refused(state, assignee, "an order is closed after its return visit; it is " + state.code());
        } else if (action instanceof WorkOrderAction.Cancel) {
            return state.compareTo(RESOLVED) < 0 ? Transition.to(CANCELLED, assignee, WorkOrderEvents.CANCELLED)
                    : Transition.refused(state, assignee, "the work is done; finish the order with its return visit");
        } else if (action instanceof WorkOrderAction.Reopen) {
            return state == RESOLVED || state == VERIFIED ? Transition.to(DISPATCHED, assignee, WorkOrderEvents.REOPENED)
                    : Transition.refused(state, assignee, "only a resolved order is reopened; it is " + state.code());
        }
        throw new IllegalArgumentException("unknown work-order action " + action);
    }

    private static Transition dispatch(WorkOrderState state, Optional<String> assignee, WorkOrderAction.Dispatch dispatch) {
        if (state.compareTo(ON_SITE) > 0) {
            return Transition.refused(state, assignee, "the work is done; it is " + state.code());
        }
        if (state == DISPATCHED && assignee.map(dispatch.assignee()::equals).orElse(false)) {
            return Transition.refused(state, assignee, "it is already dispatched to " + dispatch.assignee());
        }
        // handing an accepted order on (wrong trade, end of shift) means the new engineer accepts it again
        return Transition.to(DISPATCHED, Optional.of(dispatch.assignee()), WorkOrderEvents.DISPATCHED);
    }

    private static String notYet(WorkOrderState state, String needed) {
        return switch (state) {
            case CREATED, DISPATCHED -> "nobody has accepted it yet";
            case ACCEPTED -> "nobody is on site yet";
            default -> "it is " + state.code() + ", not " + needed;
        };
    }
}

package io.dutyroom.hub.complaints;

import static io.dutyroom.hub.complaints.ComplaintState.ASSIGNED;
import static io.dutyroom.hub.complaints.ComplaintState.CLOSED;
import static io.dutyroom.hub.complaints.ComplaintState.HANDLING;
import static io.dutyroom.hub.complaints.ComplaintState.RECORDED;
import static io.dutyroom.hub.complaints.ComplaintState.RESOLVED;
import static io.dutyroom.hub.complaints.ComplaintState.RETURN_VISITED;

import java.util.Optional;

/**
 * The rules of a complaint's steps, as one pure function: which action is allowed in which state and
 * by whom, where it leads, and why a refused one is refused. No step is skipped: a complaint whose
 * nature was never judged cannot be resolved, and none is closed before its return visit.
 *
 * <p>The owner is the person who received the complaint (首问责任制). Steps do not change the
 * owner: the department does the work, the owner still answers for the complaint. Only a
 * {@link ComplaintAction.Reassign} by the owner hands it on.
 */
public final class ComplaintLifecycle {

    /**
     * The outcome of an action: the next state and owner with the timeline event that tells of it,
     * or a refusal that says why. {@code escalated} says the complaint goes to the office director
     * now: the caller marks it major and records a {@link ComplaintEvents#ESCALATED} event as well
     * (for an escalation alone that is {@code event} itself).
     */
    public record Transition(ComplaintState to, String owner, String event, Optional<String> refusal, boolean escalated) {
        static Transition to(ComplaintState to, String owner, String event) {
            return new Transition(to, owner, event, Optional.empty(), false);
        }

        static Transition escalating(ComplaintState to, String owner, String event) {
            return new Transition(to, owner, event, Optional.empty(), true);
        }

        static Transition refused(ComplaintState stays, String owner, String why) {
            return new Transition(stays, owner, null, Optional.of(why), false);
        }

        public boolean allowed() {
            return refusal.isEmpty();
        }
    }

    private ComplaintLifecycle() {
    }

    public static Transition apply(ComplaintState state, String owner, ComplaintAction action) {
        if (!state.open()) {
            return Transition.refused(state, owner, "the complaint is " + state.code());
        }
        if (action instanceof ComplaintAction.Assign assign) {
            return assign(state, owner, assign);
        } else if (action instanceof ComplaintAction.Handle) {
            return state == ASSIGNED ? Transition.to(HANDLING, owner, ComplaintEvents.HANDLING)
                    : Transition.refused(state, owner, state == RECORDED ? notJudged() : "it is already " + state.code());
        } else if (action instanceof ComplaintAction.Resolve) {
            return state == HANDLING ? Transition.to(RESOLVED, owner, ComplaintEvents.RESOLVED)
                    : Transition.refused(state, owner, notHandling(state));
        } else if (action instanceof ComplaintAction.ReturnVisit visit) {
            if (state != RESOLVED) {
                return Transition.refused(state, owner, state == RETURN_VISITED ? "its return visit is done"
                        : "it is not resolved yet; the return visit follows the resolution");
            }
            // the resident is not satisfied: the same department takes it up again
            return Transition.to(visit.satisfied() ? RETURN_VISITED : HANDLING, owner, ComplaintEvents.RETURN_VISITED);
        } else if (action instanceof ComplaintAction.Close) {
            return state == RETURN_VISITED ? Transition.to(CLOSED, owner, ComplaintEvents.CLOSED)
                    : Transition.refused(state, owner, "a complaint is closed after its return visit; it is " + state.code());
        } else if (action instanceof ComplaintAction.Escalate) {
            // the director takes the matter up alongside; the complaint stays where it is
            return Transition.escalating(state, owner, ComplaintEvents.ESCALATED);
        } else if (action instanceof ComplaintAction.Reassign reassign) {
            return reassign(state, owner, reassign);
        }
        throw new IllegalArgumentException("unknown complaint action " + action);
    }

    private static Transition assign(ComplaintState state, String owner, ComplaintAction.Assign assign) {
        if (state.compareTo(HANDLING) > 0) {
            return Transition.refused(state, owner, "it is " + state.code()
                    + "; a resident who is not satisfied at the return visit sends it back to its department");
        }
        if (assign.kind() == null || isBlank(assign.department())) {
            return Transition.refused(state, owner, "judge its nature and name the responsible department");
        }
        // a complaint moved to another department is taken up there anew
        return assign.major() ? Transition.escalating(ASSIGNED, owner, ComplaintEvents.ASSIGNED)
                : Transition.to(ASSIGNED, owner, ComplaintEvents.ASSIGNED);
    }

    private static Transition reassign(ComplaintState state, String owner, ComplaintAction.Reassign reassign) {
        if (owner == null || !owner.equals(reassign.by())) {
            return Transition.refused(state, owner, "it is " + owner + "'s complaint until it is closed; only "
                    + owner + " hands it on");
        }
        if (isBlank(reassign.owner())) {
            return Transition.refused(state, owner, "name the person it is handed on to");
        }
        if (reassign.owner().equals(owner)) {
            return Transition.refused(state, owner, "it is already " + owner + "'s complaint");
        }
        return Transition.to(state, reassign.owner(), ComplaintEvents.REASSIGNED);
    }

    private static String notHandling(ComplaintState state) {
        return switch (state) {
            case RECORDED -> notJudged();
            case ASSIGNED -> "the department has not taken it up yet";
            default -> "it is already " + state.code();
        };
    }

    private static String notJudged() {
        return "its nature has not been judged nor a department assigned";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

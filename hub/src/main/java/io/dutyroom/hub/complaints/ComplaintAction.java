package io.dutyroom.hub.complaints;

/**
 * What a person does to a complaint. Each action names who did it; {@link ComplaintLifecycle}
 * decides whether it is allowed from the complaint's state and by that person.
 */
public sealed interface ComplaintAction {
    /** Who acted, as recorded on the timeline. */
    String by();

    /** The API's name of the action, e.g. {@code return-visit}. */
    String name();

    /**
     * The nature is judged and the responsible department decided. {@code major} takes the
     * complaint to the office director as well. Judging again before the work is done (the
     * department says it is not theirs) hands it to the new department, which takes it up anew.
     */
    record Assign(String by, ComplaintKind kind, String department, boolean major) implements ComplaintAction {
        public String name() {
            return "assign";
        }
    }

    /** The department has taken the complaint up (its supervisor has been to the site). */
    record Handle(String by, String note) implements ComplaintAction {
        public String name() {
            return "handle";
        }
    }

    /** The department has dealt with it; {@code result} is what goes in the register. */
    record Resolve(String by, String result) implements ComplaintAction {
        public String name() {
            return "resolve";
        }
    }

    /**
     * The return visit (回访), due for every complaint. A resident who is not satisfied sends the
     * complaint back to the department: the matter is not over because somebody says it is.
     */
    record ReturnVisit(String by, boolean satisfied, String note) implements ComplaintAction {
        public String name() {
            return "return-visit";
        }
    }

    record Close(String by) implements ComplaintAction {
        public String name() {
            return "close";
        }
    }

    /**
     * Takes the complaint to the office director: one the department cannot solve, or that turned
     * out major. It does not move the complaint on; it marks it major.
     */
    record Escalate(String by, String reason) implements ComplaintAction {
        public String name() {
            return "escalate";
        }
    }

    /**
     * The owner hands the complaint on to {@code owner} (首问责任制: the person who received it
     * answers for it until it is closed or properly handed on). Only the current owner can do it, so
     * nobody loses a complaint by having it taken away behind their back.
     */
    record Reassign(String by, String owner) implements ComplaintAction {
        public String name() {
            return "reassign";
        }
    }
}

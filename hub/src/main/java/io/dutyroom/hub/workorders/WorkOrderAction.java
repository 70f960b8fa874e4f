package io.dutyroom.hub.workorders;

/**
 * What a person (or the hub, as {@code dutyroom}) does to a work order. Each action names who did it;
 * the lifecycle decides whether it is allowed from the order's state.
 */
public sealed interface WorkOrderAction {
    /** Who acted, as recorded on the timeline. */
    String by();

    /** The API's name of the action, e.g. {@code accept}. */
    String name();

    /** Hands the order to an engineer, or to another one. */
    record Dispatch(String by, String assignee) implements WorkOrderAction {
        public String name() {
            return "dispatch";
        }
    }

    /** The assigned engineer signs for the order. */
    record Accept(String by) implements WorkOrderAction {
        public String name() {
            return "accept";
        }
    }

    /** The engineer is at the equipment. */
    record Arrive(String by) implements WorkOrderAction {
        public String name() {
            return "arrive";
        }
    }

    /** The work is done; {@code note} says what was found and done. */
    record Resolve(String by, String note) implements WorkOrderAction {
        public String name() {
            return "resolve";
        }
    }

    /**
     * The return visit (回访): the resident or supervisor rates the work from 1 to 5; when the
     * problem is back the order is reopened and goes back to its engineer.
     */
    record ReturnVisit(String by, int rating, boolean fixed, String note) implements WorkOrderAction {
        public String name() {
            return "return-visit";
        }
    }

    record Close(String by) implements WorkOrderAction {
        public String name() {
            return "close";
        }
    }

    record Cancel(String by, String reason) implements WorkOrderAction {
        public String name() {
            return "cancel";
        }
    }

    /** The problem is back after the order was resolved: the order starts another round. */
    record Reopen(String by, String reason) implements WorkOrderAction {
        public String name() {
            return "reopen";
        }
    }
}

package io.dutyroom.hub.workorders;

/** The timeline event kinds of work orders and of the duty roster. */
public final class WorkOrderEvents {
    public static final String CREATED = "workorder.created";
    /** Another alarm of the same source while its order is open: linked, not a second order. */
    public static final String ALARM_LINKED = "workorder.alarm-linked";
    public static final String DISPATCHED = "workorder.dispatched";
    /** Nobody on duty has the skill the order needs; the duty room must find someone. */
    public static final String UNDISPATCHED = "workorder.undispatched";
    public static final String NOTIFIED = "workorder.notified";
    public static final String ACCEPTED = "workorder.accepted";
    public static final String ARRIVED = "workorder.arrived";
    public static final String RESOLVED = "workorder.resolved";
    public static final String RETURN_VISITED = "workorder.return-visited";
    public static final String REOPENED = "workorder.reopened";
    public static final String CLOSED = "workorder.closed";
    public static final String CANCELLED = "workorder.cancelled";
    public static final String COMMENTED = "workorder.commented";
    public static final String ATTACHED = "workorder.attached";
    /** A step is near its time limit (80 % of it gone). */
    public static final String SLA_WARNING = "workorder.sla-warning";
    /** A step is past its time limit. */
    public static final String SLA_BREACHED = "workorder.sla-breached";
    /** The same equipment with the same fault three or more times in a quarter. */
    public static final String RECURRING = "workorder.recurring";
    /** A shift ended: the open orders it passes to the next shift. */
    public static final String SHIFT_HANDOVER = "shift.handover";

    private WorkOrderEvents() {
    }
}

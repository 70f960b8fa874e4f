package io.dutyroom.hub.complaints;

/** The timeline event kinds of complaints. */
public final class ComplaintEvents {
    /** Entered in the register; the person who received it owns it from now on. */
    public static final String RECORDED = "complaint.recorded";
    /** Nature judged and the responsible department decided. */
    public static final String ASSIGNED = "complaint.assigned";
    /** The department has taken it up. */
    public static final String HANDLING = "complaint.handling";
    public static final String RESOLVED = "complaint.resolved";
    /** The resident was called back; satisfied or not is in the event. */
    public static final String RETURN_VISITED = "complaint.return-visited";
    public static final String CLOSED = "complaint.closed";
    /** Taken to the office director: a major complaint, or one the department cannot solve. */
    public static final String ESCALATED = "complaint.escalated";
    /** The owner handed the complaint on to someone else (首问责任制). */
    public static final String REASSIGNED = "complaint.reassigned";
    /** A step is past its time limit; also an alert on the live feed. */
    public static final String OVERDUE = "complaint.overdue";
    /** The same matter again from the same unit, or about the same equipment. */
    public static final String RECURRING = "complaint.recurring";
    /** A repair request opened a work order, which is linked to the complaint. */
    public static final String WORK_ORDER_LINKED = "complaint.work-order-linked";
    /**
     * Someone read the resident's name and phone in full (the one place they are served whole): who
     * and when, never what they read.
     */
    public static final String RESIDENT_VIEWED = "complaint.resident-viewed";

    private ComplaintEvents() {
    }
}

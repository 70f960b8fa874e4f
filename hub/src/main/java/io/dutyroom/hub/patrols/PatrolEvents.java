package io.dutyroom.hub.patrols;

/** The timeline event kinds of patrols. */
public final class PatrolEvents {
    /** A guard scanned a checkpoint (with a finding, if one was recorded). */
    public static final String SCAN = "patrol.scan";
    /** A fault found on a round opened a work order. */
    public static final String FINDING_WORK_ORDER = "patrol.finding-work-order";
    /** A checkpoint of a round had no scan when the round closed (漏巡). */
    public static final String MISSED = "patrol.missed";
    /** A checkpoint was scanned after its window, within the late grace. */
    public static final String LATE = "patrol.late";
    /** An ordered route was walked out of order. */
    public static final String OUT_OF_ORDER = "patrol.out-of-order";
    /** A round's window closed and the round was judged. */
    public static final String ROUND_JUDGED = "patrol.round-judged";

    private PatrolEvents() {
    }
}

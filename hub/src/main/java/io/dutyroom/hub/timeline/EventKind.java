package io.dutyroom.hub.timeline;

/**
 * The kinds of timeline event, as stored and as filtered by the API ({@code ?kind=}). Kinds are
 * {@code <noun>.<what happened>}; later issues add alarm.*, workorder.*, patrol.*, complaint.*, drill.*.
 */
public final class EventKind {
    public static final String DEVICE_ONLINE = "device.online";
    public static final String DEVICE_OFFLINE = "device.offline";
    public static final String DEVICE_UNREGISTERED_SEEN = "device.unregistered-seen";
    public static final String DEVICE_EVENT = "device.event";
    /** A drill was started in a building (payload: drillId, scenario, name, building, devices, by). */
    public static final String DRILL_STARTED = "drill.started";
    /** A drill's four steps are all done: its score is final (payload: score). */
    public static final String DRILL_SCORED = "drill.scored";
    /** A drill was not finished in time (drills.abandonAfter): its partial score is final (payload: score). */
    public static final String DRILL_ABANDONED = "drill.abandoned";

    private EventKind() {
    }
}

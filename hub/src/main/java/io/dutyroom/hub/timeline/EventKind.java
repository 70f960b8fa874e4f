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

    private EventKind() {
    }
}

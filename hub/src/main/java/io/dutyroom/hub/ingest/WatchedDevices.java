package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.DeviceId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices somebody is watching live now (an equipment page open on a screen), with how many
 * watchers each has. Ingest asks {@link #isWatched} for every batch it records, so that only watched
 * devices cost a message: one map lookup on the hot path, nothing else. The HTTP streams add and
 * remove themselves from their own event loop, hence the concurrent map.
 *
 * <p>Only devices the hub knows are watched (the stream refuses others with a 404), so the map is
 * bounded by the device state's own bound.
 */
public final class WatchedDevices {
    private final Map<DeviceId, Integer> watchers = new ConcurrentHashMap<>();

    /** One more watcher of {@code device}; pair every call with one {@link #unwatch}. */
    public void watch(DeviceId device) {
        watchers.merge(device, 1, Integer::sum);
    }

    /**
     * One watcher fewer; the device leaves the map with its last watcher, so ingest stops publishing
     * its readings. Unwatching a device nobody watches is a bug in the caller's pairing, and throws.
     */
    public void unwatch(DeviceId device) {
        boolean[] watched = {false};
        watchers.computeIfPresent(device, (id, n) -> {
            watched[0] = true;
            return n == 1 ? null : n - 1;
        });
        if (!watched[0]) {
            throw new IllegalStateException("nobody watches " + device);
        }
    }

    public boolean isWatched(DeviceId device) {
        return watchers.containsKey(device);
    }

    /** How many watch {@code device} now. */
    public int watchers(DeviceId device) {
        return watchers.getOrDefault(device, 0);
    }
}

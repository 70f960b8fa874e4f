package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Reading;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * Readings as ingest records them, for the devices somebody watches (an equipment page open on a
 * screen): published on the local event bus at {@link #address}, one address per device, so a
 * watcher receives only its device's readings. A device nobody watches costs one map lookup and no
 * message. The message is already the JSON a stream sends, encoded once however many watch.
 */
public final class LiveReadings {
    private static final String ADDRESS_PREFIX = "device.readings.";

    private final EventBus bus;
    private final WatchedDevices watched;
    private final DeviceState state;

    LiveReadings(EventBus bus, WatchedDevices watched, DeviceState state) {
        this.bus = bus;
        this.watched = watched;
        this.state = state;
    }

    /** Where the readings of {@code device} are published (local only). */
    public static String address(DeviceId device) {
        return ADDRESS_PREFIX + device.value();
    }

    /**
     * After {@code readings} were recorded: publishes the latest value of each point they carried.
     * The latest, not the reading itself, so that a late reading never sets a screen back.
     */
    void recorded(DeviceId device, Iterable<Reading> readings) {
        if (!watched.isWatched(device)) {
            return;
        }
        state.find(device).ifPresent(d -> {
            Map<String, DeviceState.LatestValue> latest = d.points();
            JsonObject points = new JsonObject();
            for (Reading r : readings) {
                DeviceState.LatestValue v = latest.get(r.point());
                if (v != null) {
                    points.put(r.point(), point(v));
                }
            }
            bus.publish(address(device), message(device, points));
        });
    }

    /**
     * The {@code data} of a stream's {@code reading} event: {@code {"device": id, "points": {name:
     * {"value", "ts", "quality"}}}}, the same fields as a point of {@code GET /api/v1/devices/{id}}.
     */
    public static String message(DeviceId device, Map<String, DeviceState.LatestValue> points) {
        JsonObject json = new JsonObject();
        points.forEach((name, v) -> json.put(name, point(v)));
        return message(device, json);
    }

    private static String message(DeviceId device, JsonObject points) {
        return new JsonObject().put("device", device.value()).put("points", points).encode();
    }

    private static JsonObject point(DeviceState.LatestValue v) {
        return new JsonObject().put("value", v.value()).put("ts", v.ts().toString()).put("quality", v.quality().name().toLowerCase(Locale.ROOT));
    }
}

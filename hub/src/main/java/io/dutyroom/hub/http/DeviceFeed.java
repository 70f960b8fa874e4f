package io.dutyroom.hub.http;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.hub.ingest.DeviceState;
import io.dutyroom.hub.ingest.LiveReadings;
import io.dutyroom.hub.ingest.WatchedDevices;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/devices/{id}/live}: one device's readings as ingest records them, as
 * Server-Sent Events ({@code event: reading}, {@code data:} {@link LiveReadings#message}), for an
 * equipment page open on a screen. The stream starts with the latest value of every point that has
 * one, so that nothing recorded between the page's {@code GET} and its stream is missed, and a
 * screen that reconnects is up to date at once.
 *
 * <p>While a stream is open its device is watched ({@link WatchedDevices}): ingest publishes the
 * readings of watched devices only. Slow clients are dropped, and the stream keeps its session and
 * ends with it, as the timeline's live feed does.
 */
final class DeviceFeed {
    static final String EVENT = "reading";

    private final Vertx vertx;
    private final DeviceState state;
    private final WatchedDevices watched;
    private final SessionKeeper sessions;
    private final StreamMeters meters;

    DeviceFeed(Vertx vertx, DeviceState state, WatchedDevices watched, SessionKeeper sessions, MeterRegistry registry) {
        this.vertx = vertx;
        this.state = state;
        this.watched = watched;
        this.sessions = sessions;
        this.meters = new StreamMeters(registry, "dutyroom.live.device", "Device-stream");
    }

    void mount(Router router) {
        router.get("/api/v1/devices/:id/live").handler(this::stream);
    }

    private void stream(RoutingContext ctx) {
        new Params(ctx, Set.of(SessionKeeper.KEEP_SESSION));
        boolean keepSession = SessionKeeper.keepsSession(ctx);
        DeviceState.Device device = device(ctx.pathParam("id"));
        EventStream stream = EventStream.open(vertx, ctx, "dutyroom device " + device.id().value(), meters);
        // listening before watching, and the latest values read after both: a reading recorded
        // meanwhile is either in those values or in a message still to come
        MessageConsumer<String> consumer = vertx.eventBus().localConsumer(LiveReadings.address(device.id()),
                message -> stream.send(EVENT, null, message.body()));
        watched.watch(device.id());
        stream.onClose(() -> {
            consumer.unregister();
            watched.unwatch(device.id());
        });
        stream.send(EVENT, null, LiveReadings.message(device.id(), device.points()));
        sessions.keep(ctx, stream, meters, keepSession);
    }

    /** A device the hub knows (registered, or unregistered and heard from), as {@code GET /api/v1/devices/{id}} has it. */
    private DeviceState.Device device(String id) {
        Optional<DeviceState.Device> device = DeviceId.isValid(id) ? state.find(DeviceId.of(id)) : Optional.empty();
        return device.orElseThrow(() -> ApiException.notFound("no device '" + id + "'"));
    }
}

package io.dutyroom.hub.http;

import io.dutyroom.hub.timeline.Timeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v1/timeline/live}: every event appended to the timeline from now on, as
 * Server-Sent Events ({@code event: timeline}, {@code id:} the event id, {@code data:} its JSON),
 * optionally filtered by site, device and kind. A client that cannot keep up is disconnected rather
 * than buffered without bound; it reconnects and catches up from {@code /api/v1/timeline}.
 */
final class LiveFeed {
    static final String CLIENTS = "dutyroom.live.clients";
    static final String DROPPED = "dutyroom.live.clients.dropped";
    private static final long KEEPALIVE_MS = 15_000;

    private final Vertx vertx;
    private final AtomicInteger clients = new AtomicInteger();
    private final Counter dropped;

    LiveFeed(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        Gauge.builder(CLIENTS, clients::get).description("Live-feed clients connected").register(registry);
        dropped = Counter.builder(DROPPED).description("Live-feed clients disconnected for falling behind").register(registry);
    }

    void mount(Router router) {
        router.get("/api/v1/timeline/live").handler(this::stream);
    }

    private void stream(RoutingContext ctx) {
        TimelineFilter filter = TimelineFilter.from(new Params(ctx, TimelineFilter.PARAMETERS));
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": dutyroom live feed\n\n");
        clients.incrementAndGet();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(Timeline.LIVE_ADDRESS, message -> {
            JsonObject event = message.body();
            if (!filter.matches(event)) {
                return;
            }
            if (response.writeQueueFull()) {
                dropped.increment();
                response.reset();
                return;
            }
            response.write("id: " + event.getLong("id") + "\nevent: timeline\ndata: " + event.encode() + "\n\n");
        });
        long keepalive = vertx.setPeriodic(KEEPALIVE_MS, id -> {
            if (!response.writeQueueFull()) {
                response.write(": keepalive\n\n");
            }
        });
        response.closeHandler(v -> {
            clients.decrementAndGet();
            vertx.cancelTimer(keepalive);
            consumer.unregister();
        });
    }
}

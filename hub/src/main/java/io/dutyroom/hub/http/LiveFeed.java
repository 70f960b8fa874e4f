package io.dutyroom.hub.http;

import io.dutyroom.hub.timeline.Timeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code GET /api/v1/timeline/live}: every event appended to the timeline from now on, as
 * Server-Sent Events ({@code event: timeline}, {@code id:} the event id, {@code data:} its JSON),
 * optionally filtered by site, device and kind. A client that cannot keep up is disconnected rather
 * than buffered without bound; it reconnects and catches up from {@code /api/v1/timeline}. While
 * the feed is open it keeps its session fresh, and it ends with the session ({@link SessionKeeper}).
 */
final class LiveFeed {
    private final Vertx vertx;
    private final SessionKeeper sessions;
    private final StreamMeters meters;

    LiveFeed(Vertx vertx, SessionKeeper sessions, MeterRegistry registry) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.meters = new StreamMeters(registry, "dutyroom.live", "Live-feed");
    }

    /** The timeline's filters, and whether the stream keeps its session. */
    private static final Set<String> PARAMETERS = Stream.concat(TimelineFilter.PARAMETERS.stream(), Stream.of(SessionKeeper.KEEP_SESSION))
            .collect(Collectors.toUnmodifiableSet());

    void mount(Router router) {
        router.get("/api/v1/timeline/live").handler(this::stream);
    }

    private void stream(RoutingContext ctx) {
        TimelineFilter filter = TimelineFilter.from(new Params(ctx, PARAMETERS));
        boolean keepSession = SessionKeeper.keepsSession(ctx);
        EventStream stream = EventStream.open(vertx, ctx, "dutyroom live feed", meters);
        MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(Timeline.LIVE_ADDRESS, message -> {
            JsonObject event = message.body();
            if (filter.matches(event)) {
                stream.send("timeline", String.valueOf(event.getLong("id")), event.encode());
            }
        });
        stream.onClose(consumer::unregister);
        sessions.keep(ctx, stream, meters, keepSession);
    }
}

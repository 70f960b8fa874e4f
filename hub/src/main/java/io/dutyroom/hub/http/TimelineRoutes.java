package io.dutyroom.hub.http;

import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.dutyroom.hub.timeline.TimelineQuery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** {@code GET /api/v1/timeline}: the timeline newest first, filtered, in cursor pages. */
final class TimelineRoutes {
    private final Timeline timeline;

    TimelineRoutes(Timeline timeline) {
        this.timeline = timeline;
    }

    void mount(Router router) {
        router.get("/api/v1/timeline").handler(this::page);
    }

    private void page(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "device", "kind", "from", "to", "limit", "cursor"));
        Optional<TimelineQuery.Cursor> cursor = params.string("cursor").map(text -> TimelineQuery.Cursor.decode(text)
                .orElseThrow(() -> ApiException.badParameter("cursor", "is not a cursor this API gave out")));
        Optional<Instant> from = params.instant("from");
        Optional<Instant> to = params.instant("to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw ApiException.badParameter("from", "must be before 'to' (" + to.get() + ")");
        }
        TimelineQuery query = new TimelineQuery(params.string("site"), params.string("device"), params.string("kind"),
                from, to, cursor, params.integer("limit", 50, 1, 500));
        timeline.page(query).onSuccess(page -> {
            JsonArray events = new JsonArray();
            page.events().stream().map(TimelineEvent::toJson).forEach(events::add);
            Json.ok(ctx, new JsonObject().put("events", events).put("next", page.next().map(TimelineQuery.Cursor::encode).orElse(null)));
        }).onFailure(ctx::fail);
    }
}

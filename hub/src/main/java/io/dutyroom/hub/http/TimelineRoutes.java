package io.dutyroom.hub.http;

import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.dutyroom.hub.timeline.TimelineQuery;
import io.dutyroom.hub.timeline.TimelineStore;
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
        router.get("/api/v1/timeline/around").handler(this::around);
    }

    private void page(RoutingContext ctx) {
        Set<String> allowed = new java.util.HashSet<>(TimelineFilter.PARAMETERS);
        allowed.addAll(Set.of("from", "to", "limit", "cursor"));
        Params params = new Params(ctx, allowed);
        TimelineFilter filter = TimelineFilter.from(params);
        Optional<TimelineQuery.Cursor> cursor = params.string("cursor").map(text -> TimelineQuery.Cursor.decode(text)
                .filter(c -> !c.ts().isBefore(Params.EARLIEST) && !c.ts().isAfter(Params.LATEST))
                .orElseThrow(() -> ApiException.badParameter("cursor", "is not a cursor this API gave out")));
        Optional<Instant> from = params.instant("from");
        Optional<Instant> to = params.instant("to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw ApiException.badParameter("from", "must be before 'to' (" + to.get() + ")");
        }
        TimelineQuery query = new TimelineQuery(filter.site(), filter.device(), filter.building(), filter.floor(), filter.kinds(),
                filter.minSeverity(), filter.text(), from, to, cursor, params.integer("limit", 50, 1, 500));
        timeline.page(query).onSuccess(page -> {
            JsonArray events = new JsonArray();
            page.events().stream().map(TimelineEvent::toJson).forEach(events::add);
            Json.ok(ctx, new JsonObject().put("events", events).put("next", page.next().map(TimelineQuery.Cursor::encode).orElse(null)));
        }).onFailure(ctx::fail);
    }

    /**
     * "What happened around here": the events on the same equipment or in the same building as an
     * alarm, a work order, a complaint or any event, in the window before and after it, oldest first.
     */
    private void around(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("event", "alarm", "workOrder", "complaint", "before", "after", "limit"));
        Optional<String> event = params.string("event");
        Optional<String> alarm = params.string("alarm");
        Optional<String> workOrder = params.string("workOrder");
        Optional<String> complaint = params.string("complaint");
        if (java.util.stream.Stream.of(event, alarm, workOrder, complaint).filter(Optional::isPresent).count() != 1) {
            throw ApiException.badParameter("event", "give exactly one of event, alarm, workOrder or complaint");
        }
        Optional<Long> eventId = event.map(e -> {
            try {
                return Long.parseLong(e);
            } catch (NumberFormatException x) {
                throw ApiException.badParameter("event", "must be an event id, was '" + e + "'");
            }
        });
        java.time.Duration before = params.duration("before").orElse(java.time.Duration.ofMinutes(30));
        java.time.Duration after = params.duration("after").orElse(java.time.Duration.ofMinutes(30));
        if (before.compareTo(java.time.Duration.ofDays(7)) > 0 || after.compareTo(java.time.Duration.ofDays(7)) > 0) {
            throw ApiException.badParameter("before", "before and after are at most 7d");
        }
        int limit = params.integer("limit", 200, 1, 1000);
        timeline.around(new TimelineStore.Anchor(eventId, alarm, workOrder, complaint), before, after, limit).map(found -> {
            TimelineStore.Around a = found.orElseThrow(() -> ApiException.notFound("no such event, alarm, work order or complaint on the timeline"));
            JsonArray events = new JsonArray();
            a.events().stream().map(TimelineEvent::toJson).forEach(events::add);
            return new JsonObject().put("anchor", a.anchor().toJson()).put("before", before.toString()).put("after", after.toString())
                    .put("events", events);
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }
}

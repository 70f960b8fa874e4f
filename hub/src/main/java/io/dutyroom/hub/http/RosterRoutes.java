package io.dutyroom.hub.http;

import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.workorders.DutyRoster;
import io.dutyroom.hub.workorders.Engineer;
import io.dutyroom.hub.workorders.ShiftInstance;
import io.dutyroom.hub.workorders.WorkOrderService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/roster}: the duty roster's engineers and who is on duty at a time (now by default),
 * with the shift they are on, and the shift handover record. The roster itself is configuration
 * ({@code workOrders.roster}).
 */
final class RosterRoutes {
    private final DutyRoster roster;
    private final WorkOrderService orders;
    private final EstateRegistry estate;
    private final Clock clock;

    RosterRoutes(WorkOrderService orders, EstateRegistry estate, Clock clock) {
        this.roster = orders.roster();
        this.orders = orders;
        this.estate = estate;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/v1/roster").handler(this::roster);
        router.get("/api/v1/roster/on-duty").handler(this::onDuty);
        router.post("/api/v1/roster/handover").handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(this::handover);
    }

    /** Shift handover (交接班): the outgoing engineer's note, with the open orders passed on. */
    private void handover(RoutingContext ctx) {
        Body b = new Body(ctx, Set.of("user", "site", "note"));
        String user = b.user();
        String site = b.required("site");
        if (!estate.sites().isEmpty() && estate.sites().stream().noneMatch(s -> s.id().value().equals(site))) {
            throw ApiException.badBody("site", "no site '" + site + "' in the estate");
        }
        if (roster.engineers().isEmpty()) {
            throw ApiException.conflict("there is no duty roster (workOrders.roster), so no shift to hand over to");
        }
        orders.handOver(site, user, b.required("note")).onSuccess(event -> Json.send(ctx, 201, event)).onFailure(ctx::fail);
    }

    private void roster(RoutingContext ctx) {
        new Params(ctx, Set.of());
        JsonArray engineers = people(roster.engineers());
        Json.ok(ctx, new JsonObject().put("timeZone", roster.zone().getId()).put("engineers", engineers).put("now", duty(clock.instant())));
    }

    private void onDuty(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("at"));
        Json.ok(ctx, duty(params.instant("at").orElse(clock.instant())));
    }

    private JsonObject duty(Instant at) {
        JsonObject json = new JsonObject().put("at", at.toString()).put("onDuty", people(roster.onDuty(at)));
        if (!roster.engineers().isEmpty()) {
            ShiftInstance shift = roster.shiftAt(at);
            json.put("shift", new JsonObject().put("id", shift.shiftId()).put("name", Json.text(shift.name()))
                    .put("start", shift.start().toString()).put("end", shift.end().toString()));
        }
        return json;
    }

    private static JsonArray people(List<Engineer> engineers) {
        JsonArray out = new JsonArray();
        engineers.forEach(e -> out.add(new JsonObject().put("id", e.id()).put("name", Json.text(e.name()))
                .put("skills", new JsonArray(e.skills().stream().sorted().toList())).put("phone", e.phone())
                .put("alwaysOnCall", e.alwaysOnCall())));
        return out;
    }

}

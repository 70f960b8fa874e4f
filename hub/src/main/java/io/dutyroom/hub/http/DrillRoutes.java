package io.dutyroom.hub.http;

import io.dutyroom.hub.drills.DrillRefusal;
import io.dutyroom.hub.drills.DrillService;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * {@code /api/v1/drills}: what can be started and the latest drills, starting a scenario in a
 * building, and one drill with its score. The person starting it is the session's user (with log-in
 * off: {@code user} in the body); which roles may is decided in {@code auth.Access}.
 */
final class DrillRoutes {
    private final DrillService drills;

    DrillRoutes(DrillService drills) {
        this.drills = drills;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
        router.get("/api/v1/drills").handler(this::list);
        router.post("/api/v1/drills").handler(body).handler(this::start);
        router.get("/api/v1/drills/:id").handler(this::one);
    }

    private void list(RoutingContext ctx) {
        int limit = new Params(ctx, Set.of("limit")).integer("limit", 50, 1, 200);
        drills.overview(limit).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        new Params(ctx, Set.of());
        String id = ctx.pathParam("id");
        drills.one(id).map(found -> found.orElseThrow(() -> ApiException.notFound("no drill " + id)))
                .onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void start(RoutingContext ctx) {
        Body b = new Body(ctx, Set.of("user", "scenario", "building", "site"));
        DrillService.StartRequest request = new DrillService.StartRequest(b.required("scenario"), b.required("building"), b.optional("site"), b.user());
        drills.start(request).recover(DrillRoutes::refused).onSuccess(json -> Json.send(ctx, 201, json)).onFailure(ctx::fail);
    }

    /** A refusal in the API's words: 400 naming the field, 409, or 503. */
    private static <T> Future<T> refused(Throwable failure) {
        if (!(failure instanceof DrillRefusal r)) {
            return Future.failedFuture(failure);
        }
        return Future.failedFuture(switch (r.kind()) {
            case BAD_PARAMETER -> ApiException.badParameter(r.parameter().orElse("body"), r.getMessage());
            case CONFLICT -> ApiException.conflict(r.getMessage());
            case UNAVAILABLE -> ApiException.unavailable(r.getMessage());
        });
    }
}

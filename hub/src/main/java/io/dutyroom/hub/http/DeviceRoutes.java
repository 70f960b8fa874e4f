package io.dutyroom.hub.http;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.adapters.profile.PointDefinition;
import io.dutyroom.hub.ingest.DeviceState;
import io.dutyroom.hub.storage.TelemetryQueries;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/devices}: the registry joined with live state, and stored telemetry. */
final class DeviceRoutes {
    private static final int MAX_BUCKETS = 10_000;

    private final DeviceState state;
    private final TelemetryQueries telemetry;
    private final WorkerExecutor db;
    private final Clock clock;

    DeviceRoutes(DeviceState state, TelemetryQueries telemetry, WorkerExecutor db, Clock clock) {
        this.state = state;
        this.telemetry = telemetry;
        this.db = db;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/v1/devices").handler(this::list);
        router.get("/api/v1/devices/:id").handler(this::one);
        router.get("/api/v1/devices/:id/telemetry").handler(this::telemetry);
    }

    private void list(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "registered"));
        Optional<String> site = params.string("site");
        Optional<Boolean> registered = params.string("registered").map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badParameter("registered", "must be true or false, was '" + v + "'");
        });
        JsonArray devices = new JsonArray();
        for (DeviceState.Device d : state.all()) {
            if (site.map(s -> s.equals(d.site().value())).orElse(true) && registered.map(r -> r == d.registered()).orElse(true)) {
                devices.add(summary(d));
            }
        }
        Json.ok(ctx, new JsonObject().put("devices", devices));
    }

    private void one(RoutingContext ctx) {
        new Params(ctx, Set.of());
        DeviceState.Device d = device(ctx);
        JsonObject body = summary(d);
        JsonArray points = new JsonArray();
        Map<String, DeviceState.LatestValue> latest = d.points();
        if (d.registration().isPresent()) {
            for (PointDefinition p : d.registration().get().profile().points()) {
                points.add(point(p.name(), latest.get(p.name()))
                        .put("type", p.type().name().toLowerCase(Locale.ROOT))
                        .put("unit", p.unit())
                        .put("description", Json.text(p.description())));
            }
        } else {
            latest.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> points.add(point(e.getKey(), e.getValue())));
        }
        Json.ok(ctx, body.put("points", points));
    }

    private void telemetry(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("point", "from", "to", "bucket", "limit"));
        DeviceState.Device d = device(ctx);
        Optional<String> point = params.string("point");
        point.ifPresent(p -> {
            if (d.registration().isPresent() && !d.registration().get().profile().hasPoint(p)) {
                throw ApiException.badParameter("point", "device " + d.id() + " (" + d.registration().get().profile().id() + ") has no point '" + p + "'");
            }
        });
        Instant to = params.instant("to").orElseGet(clock::instant);
        Instant from = params.instant("from").orElse(to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "must be before 'to' (" + to + ")");
        }
        Optional<Duration> bucket = params.duration("bucket");
        int limit = params.integer("limit", 1_000, 1, 10_000);
        JsonObject body = new JsonObject().put("device", d.id().value()).put("from", from.toString()).put("to", to.toString());
        if (bucket.isPresent()) {
            Duration width = bucket.get();
            if (width.compareTo(Duration.ofSeconds(1)) < 0) {
                throw ApiException.badParameter("bucket", "must be at least 1s");
            }
            if (Duration.between(from, to).toSeconds() / width.toSeconds() > MAX_BUCKETS) {
                throw ApiException.badParameter("bucket", "gives more than " + MAX_BUCKETS + " buckets between 'from' and 'to'; use a wider bucket");
            }
            db.executeBlocking(() -> telemetry.buckets(d.id(), point, from, to, width), false)
                    .onSuccess(rows -> {
                        JsonArray out = new JsonArray();
                        rows.forEach(b -> out.add(new JsonObject().put("ts", b.start().toString()).put("point", b.point())
                                .put("min", b.min()).put("avg", b.avg()).put("max", b.max()).put("count", b.count())));
                        Json.ok(ctx, body.put("bucket", width.toString()).put("buckets", out));
                    })
                    .onFailure(ctx::fail);
        } else {
            db.executeBlocking(() -> telemetry.raw(d.id(), point, from, to, limit), false)
                    .onSuccess(rows -> {
                        JsonArray out = new JsonArray();
                        for (Reading r : rows) {
                            out.add(new JsonObject().put("ts", r.ts().toString()).put("point", r.point())
                                    .put("value", r.value()).put("quality", r.quality().name().toLowerCase(Locale.ROOT)));
                        }
                        Json.ok(ctx, body.put("readings", out).put("truncated", rows.size() == limit));
                    })
                    .onFailure(ctx::fail);
        }
    }

    private DeviceState.Device device(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!DeviceId.isValid(id)) {
            throw ApiException.notFound("no device '" + id + "'");
        }
        return state.find(DeviceId.of(id)).orElseThrow(() -> ApiException.notFound("no device '" + id + "'"));
    }

    private static JsonObject summary(DeviceState.Device d) {
        JsonObject json = new JsonObject()
                .put("id", d.id().value())
                .put("site", d.site().value())
                .put("registered", d.registered())
                .put("connectivity", d.connectivity().name().toLowerCase(Locale.ROOT))
                .put("connectivitySince", d.connectivitySince().map(Instant::toString).orElse(null))
                .put("lastSeen", d.lastSeen().map(Instant::toString).orElse(null))
                .put("drill", d.drill().orElse(null));
        d.registration().ifPresent(r -> json
                .put("building", r.building())
                .put("floor", r.floor())
                .put("profile", r.profile().id())
                .put("category", r.profile().category())
                .put("name", Json.text(r.name())));
        return json;
    }

    private static JsonObject point(String name, DeviceState.LatestValue latest) {
        JsonObject json = new JsonObject().put("name", name);
        if (latest != null) {
            json.put("value", latest.value()).put("ts", latest.ts().toString()).put("quality", latest.quality().name().toLowerCase(Locale.ROOT));
        }
        return json;
    }

}

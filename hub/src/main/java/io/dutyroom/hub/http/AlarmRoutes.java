package io.dutyroom.hub.http;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.profile.RulePriority;
import io.dutyroom.adapters.yaml.Durations;
import io.dutyroom.hub.alarms.AlarmBook;
import io.dutyroom.hub.alarms.AlarmInput;
import io.dutyroom.hub.alarms.AlarmRecord;
import io.dutyroom.hub.alarms.AlarmReport;
import io.dutyroom.hub.alarms.AlarmService;
import io.dutyroom.hub.alarms.AlarmState;
import io.dutyroom.hub.ingest.DeviceState;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code /api/v1/alarms}: the open alarms, one alarm, a person's actions on it (acknowledge, reset,
 * shelve, unshelve, comment), the flood state, and the alarm-management report; and taking a
 * device out of service and back. The person acting is the session's user (with log-in off:
 * {@code user} in the body).
 */
final class AlarmRoutes {
    static final Duration MAX_SHELVE = Duration.ofDays(7);

    private final AlarmService alarms;
    private final AlarmReport report;
    private final DeviceState devices;
    private final WorkerExecutor db;
    private final Clock clock;

    AlarmRoutes(AlarmService alarms, AlarmReport report, DeviceState devices, WorkerExecutor db, Clock clock) {
        this.alarms = alarms;
        this.report = report;
        this.devices = devices;
        this.db = db;
        this.clock = clock;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
        router.get("/api/v1/alarms").handler(this::list);
        router.get("/api/v1/alarms/flood").handler(this::flood);
        router.get("/api/v1/alarms/report").handler(this::report);
        router.get("/api/v1/alarms/:id").handler(this::one);
        router.post("/api/v1/alarms/:id/acknowledge").handler(body).handler(ctx -> act(ctx, Set.of("user", "note"),
                b -> new AlarmInput.Acknowledge(b.user()), b -> detail(b).put("note", b.optional("note").orElse(null))));
        router.post("/api/v1/alarms/:id/reset").handler(body).handler(ctx -> act(ctx, Set.of("user", "note"),
                b -> new AlarmInput.Reset(b.user()), b -> detail(b).put("note", b.optional("note").orElse(null))));
        router.post("/api/v1/alarms/:id/shelve").handler(body).handler(this::shelve);
        router.post("/api/v1/alarms/:id/unshelve").handler(body).handler(ctx -> act(ctx, Set.of("user", "note"),
                b -> new AlarmInput.Unshelve(b.user()), b -> detail(b).put("note", b.optional("note").orElse(null))));
        router.post("/api/v1/alarms/:id/comments").handler(body).handler(this::comment);
        router.post("/api/v1/devices/:id/out-of-service").handler(body).handler(this::outOfService);
        router.post("/api/v1/devices/:id/return-to-service").handler(body).handler(this::returnToService);
    }

    private void list(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "device", "state", "priority", "drill"));
        Optional<String> site = params.string("site");
        Optional<String> device = params.string("device");
        Optional<AlarmState> state = params.string("state").map(s -> AlarmState.parse(s).orElseThrow(() -> ApiException.badParameter("state",
                "must be one of unacknowledged, acknowledged, returned-unacknowledged, shelved, suppressed, out-of-service")));
        Optional<RulePriority> priority = params.string("priority").map(p -> RulePriority.parse(p)
                .orElseThrow(() -> ApiException.badParameter("priority", "must be urgent, high, medium or low")));
        String drill = params.string("drill").orElse("include");
        if (!Set.of("include", "exclude", "only").contains(drill)) {
            throw ApiException.badParameter("drill", "must be include, exclude or only");
        }
        alarms.open().map(open -> {
            List<AlarmRecord> shown = open.stream()
                    .filter(a -> site.map(a.site()::equals).orElse(true))
                    .filter(a -> device.map(a.source()::equals).orElse(true))
                    .filter(a -> state.map(s -> a.state() == s).orElse(true))
                    .filter(a -> priority.map(p -> a.rule().priority() == p).orElse(true))
                    .filter(a -> drill.equals("include") || (drill.equals("only") == a.isDrill()))
                    .toList();
            JsonArray list = new JsonArray();
            shown.forEach(a -> list.add(a.toJson()));
            return new JsonObject().put("alarms", list).put("counts", counts(open));
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    /** Counts by state and priority of real alarms; drill alarms are counted apart, never mixed in. */
    private static JsonObject counts(List<AlarmRecord> open) {
        Map<String, Integer> byState = new TreeMap<>();
        Map<String, Integer> byPriority = new LinkedHashMap<>();
        for (RulePriority p : RulePriority.values()) {
            byPriority.put(p.code(), 0);
        }
        int drill = 0;
        for (AlarmRecord a : open) {
            if (a.isDrill()) {
                drill++;
                continue;
            }
            byState.merge(a.state().code(), 1, Integer::sum);
            byPriority.merge(a.rule().priority().code(), 1, Integer::sum);
        }
        int real = open.size() - drill;
        return new JsonObject().put("open", real).put("byState", new JsonObject(Map.copyOf(byState)))
                .put("byPriority", new JsonObject(Map.copyOf(byPriority))).put("drill", drill);
    }

    private void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        // map, not onSuccess: an exception thrown while answering must reach the failure handler
        alarms.find(id).map(found -> found.orElseThrow(() -> ApiException.notFound("no alarm " + id)).toJson())
                .onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void shelve(RoutingContext ctx) {
        act(ctx, Set.of("user", "reason", "for"), b -> {
            String period = b.required("for");
            Duration d = Durations.parse(period).filter(x -> !x.isNegative() && !x.isZero() && x.compareTo(MAX_SHELVE) <= 0)
                    .orElseThrow(() -> ApiException.badBody("for", "must be a duration like 30m, 8h or 2d, at most 7d; was '" + period + "'"));
            return new AlarmInput.Shelve(b.user(), b.required("reason"), clock.instant().plus(d));
        }, b -> detail(b).put("reason", b.required("reason")).put("for", b.required("for")));
    }

    private void comment(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Body b = new Body(ctx, Set.of("user", "text"));
        String user = b.user();
        String text = b.required("text");
        alarms.comment(id, user, text).map(outcome -> outcome.orElseThrow(() -> ApiException.notFound("no open alarm " + id)).alarm().orElseThrow().toJson())
                .onSuccess(json -> Json.send(ctx, 201, json)).onFailure(ctx::fail);
    }

    private void act(RoutingContext ctx, Set<String> fields, Function<Body, AlarmInput> input, Function<Body, JsonObject> detail) {
        String id = ctx.pathParam("id");
        Body b = new Body(ctx, fields);
        AlarmInput in = input.apply(b);
        JsonObject d = detail.apply(b);
        d.fieldNames().removeIf(f -> d.getValue(f) == null);
        alarms.act(id, in, d).map(outcome -> {
            AlarmBook.Outcome o = outcome.orElseThrow(() -> ApiException.notFound("no open alarm " + id));
            if (o.refusal().isPresent()) {
                throw ApiException.conflict(o.refusal().get());
            }
            return o.alarm().orElseThrow().toJson();
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private static JsonObject detail(Body b) {
        return new JsonObject().put("by", b.user());
    }

    private void outOfService(RoutingContext ctx) {
        DeviceId device = device(ctx);
        Body b = new Body(ctx, Set.of("user", "reason"));
        String user = b.user();
        String reason = b.required("reason");
        alarms.removeFromService(device, user, reason).compose(v -> alarms.isOutOfService(device))
                .onSuccess(oos -> Json.ok(ctx, new JsonObject().put("device", device.value()).put("outOfService", oos)))
                .onFailure(ctx::fail);
    }

    private void returnToService(RoutingContext ctx) {
        DeviceId device = device(ctx);
        Body b = new Body(ctx, Set.of("user", "note"));
        String user = b.user();
        alarms.returnToService(device, user).compose(v -> alarms.isOutOfService(device))
                .onSuccess(oos -> Json.ok(ctx, new JsonObject().put("device", device.value()).put("outOfService", oos)))
                .onFailure(ctx::fail);
    }

    private DeviceId device(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        try {
            DeviceId device = DeviceId.of(id);
            if (devices.find(device).filter(DeviceState.Device::registered).isPresent()) {
                return device;
            }
        } catch (IllegalArgumentException e) {
            // falls through to 404: not an id the registry could hold
        }
        throw ApiException.notFound("no registered device " + id);
    }

    private void flood(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site"));
        Optional<String> site = params.string("site");
        alarms.floods().compose(floods -> alarms.open().map(open -> {
            Map<String, AlarmRecord> byId = new java.util.HashMap<>();
            open.forEach(a -> byId.put(a.id(), a));
            JsonArray list = new JsonArray();
            floods.stream().filter(f -> site.map(f.site()::equals).orElse(true)).forEach(f -> {
                Map<String, JsonArray> byBuilding = new TreeMap<>();
                f.alarms().stream().filter(e -> !e.alarmId().equals(f.firstOut())).forEach(e ->
                        byBuilding.computeIfAbsent(e.building() == null ? "" : e.building(), k -> new JsonArray()).add(e.alarmId()));
                JsonArray groups = new JsonArray();
                byBuilding.forEach((building, ids) -> groups.add(new JsonObject().put("building", building).put("count", ids.size()).put("alarms", ids)));
                AlarmRecord first = byId.get(f.firstOut());
                list.add(new JsonObject().put("site", f.site()).put("since", f.since().toString()).put("alarms", f.alarms().size())
                        .put("firstOut", first != null ? first.toJson() : new JsonObject().put("id", f.firstOut()))
                        .put("byBuilding", groups));
            });
            return new JsonObject().put("flooding", !list.isEmpty()).put("floods", list);
        })).onSuccess(body -> Json.ok(ctx, body)).onFailure(ctx::fail);
    }

    private void report(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "from", "to"));
        Instant to = params.instant("to").orElse(clock.instant());
        Instant from = params.instant("from").orElse(to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "must be before 'to' (" + to + ")");
        }
        Optional<String> site = params.string("site");
        db.executeBlocking(() -> report.between(from, to, site), false).onSuccess(r -> Json.ok(ctx, r)).onFailure(ctx::fail);
    }
}

package io.dutyroom.hub.http;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import io.dutyroom.hub.workorders.SlaStep;
import io.dutyroom.hub.workorders.WorkOrder;
import io.dutyroom.hub.workorders.WorkOrderAction;
import io.dutyroom.hub.workorders.WorkOrderCategory;
import io.dutyroom.hub.workorders.WorkOrderReport;
import io.dutyroom.hub.workorders.WorkOrderService;
import io.dutyroom.hub.workorders.WorkOrderState;
import io.dutyroom.hub.workorders.WorkOrderStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/v1/work-orders}: the list, one order, opening one by hand, each step of its lifecycle,
 * comments and attachments (as links), the report and the CSV export for the monthly report.
 * The person acting is the session's user (with log-in off: {@code user} in the body).
 */
final class WorkOrderRoutes {
    private static final Duration MAX_REPORT = Duration.ofDays(400);

    private final WorkOrderService orders;
    private final WorkOrderStore store;
    private final WorkOrderReport report;
    private final EstateRegistry estate;
    private final WorkerExecutor db;
    private final Clock clock;

    WorkOrderRoutes(WorkOrderService orders, WorkOrderStore store, WorkOrderReport report, EstateRegistry estate, WorkerExecutor db, Clock clock) {
        this.orders = orders;
        this.store = store;
        this.report = report;
        this.estate = estate;
        this.db = db;
        this.clock = clock;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
        router.get("/api/v1/work-orders").handler(this::list);
        router.post("/api/v1/work-orders").handler(body).handler(this::create);
        router.get("/api/v1/work-orders/report").handler(this::report);
        router.get("/api/v1/work-orders/export.csv").handler(this::export);
        router.get("/api/v1/work-orders/:id").handler(this::one);
        action(router, body, "dispatch", Set.of("user", "assignee"), b -> new WorkOrderAction.Dispatch(b.user(), b.required("assignee")));
        action(router, body, "accept", Set.of("user"), b -> new WorkOrderAction.Accept(b.user()));
        action(router, body, "arrive", Set.of("user"), b -> new WorkOrderAction.Arrive(b.user()));
        action(router, body, "resolve", Set.of("user", "note"), b -> new WorkOrderAction.Resolve(b.user(), b.required("note")));
        action(router, body, "return-visit", Set.of("user", "rating", "fixed", "note"),
                b -> new WorkOrderAction.ReturnVisit(b.user(), b.integer("rating", 1, 5), b.bool("fixed"), b.optional("note").orElse(null)));
        action(router, body, "close", Set.of("user"), b -> new WorkOrderAction.Close(b.user()));
        action(router, body, "cancel", Set.of("user", "reason"), b -> new WorkOrderAction.Cancel(b.user(), b.required("reason")));
        action(router, body, "reopen", Set.of("user", "reason"), b -> new WorkOrderAction.Reopen(b.user(), b.required("reason")));
        router.post("/api/v1/work-orders/:id/comments").handler(body).handler(ctx -> {
            Body b = new Body(ctx, Set.of("user", "text"));
            annotate(ctx, orders.annotate(ctx.pathParam("id"), b.user(), b.required("text"), Optional.empty()));
        });
        router.post("/api/v1/work-orders/:id/attachments").handler(body).handler(ctx -> {
            Body b = new Body(ctx, Set.of("user", "url", "name"));
            String url = b.required("url");
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                throw ApiException.badBody("url", "must be an http:// or https:// link; files are kept where the link points");
            }
            annotate(ctx, orders.annotate(ctx.pathParam("id"), b.user(), b.optional("name").orElse(url), Optional.of(url)));
        });
    }

    private void action(Router router, BodyHandler body, String name, Set<String> fields, Function<Body, WorkOrderAction> parse) {
        router.post("/api/v1/work-orders/:id/" + name).handler(body).handler(ctx -> {
            String id = ctx.pathParam("id");
            WorkOrderAction action = parse.apply(new Body(ctx, fields));
            orders.act(id, action).map(outcome -> answer(id, outcome)).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
        });
    }

    private void annotate(RoutingContext ctx, Future<Optional<WorkOrderService.Outcome>> done) {
        String id = ctx.pathParam("id");
        done.map(outcome -> answer(id, outcome)).onSuccess(json -> Json.send(ctx, 201, json)).onFailure(ctx::fail);
    }

    private static JsonObject answer(String id, Optional<WorkOrderService.Outcome> outcome) {
        WorkOrderService.Outcome o = outcome.orElseThrow(() -> ApiException.notFound("no work order " + id));
        if (o.refusal().isPresent()) {
            throw ApiException.conflict(o.refusal().get());
        }
        return o.order().orElseThrow();
    }

    private void list(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "state", "category", "assignee", "source", "open", "overdue", "limit"));
        Optional<String> state = params.string("state");
        state.ifPresent(s -> WorkOrderState.ofCode(s).orElseThrow(() -> ApiException.badParameter("state",
                "must be one of created, dispatched, accepted, on-site, resolved, verified, closed, cancelled")));
        Optional<String> category = params.string("category");
        category.ifPresent(c -> WorkOrderCategory.ofCode(c).orElseThrow(() -> ApiException.badParameter("category",
                "must be one of water, drainage, fire, power, elevator, access, civil, other")));
        String open = params.string("open").orElse("false");
        if (!Set.of("true", "false").contains(open)) {
            throw ApiException.badParameter("open", "must be true or false");
        }
        Optional<SlaStep> overdue = params.string("overdue").map(step -> SlaStep.ofCode(step).orElseThrow(() -> ApiException.badParameter("overdue",
                "must be one of respond, arrive, resolve, returnVisit; was '" + step + "'")));
        Instant now = clock.instant();
        WorkOrderStore.Filter filter = new WorkOrderStore.Filter(params.string("site"), state, category, params.string("assignee"),
                params.string("source"), open.equals("true"), overdue, now, params.integer("limit", 100, 1, 1000));
        db.executeBlocking(() -> store.list(filter), false).map(list -> {
            JsonArray json = new JsonArray();
            list.forEach(o -> json.add(o.toJson(now)));
            return new JsonObject().put("workOrders", json);
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        db.executeBlocking(() -> store.find(id), false)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("no work order " + id)).toJson(clock.instant()))
                .onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Body b = new Body(ctx, Set.of("user", "site", "source", "building", "floor", "policy", "origin", "summary", "fault", "assignee"));
        String user = b.user();
        String summary = b.required("summary");
        String origin = b.optional("origin").orElse("desk");
        WorkOrder.Origin from = WorkOrder.Origin.ofCode(origin).filter(o -> o != WorkOrder.Origin.ALARM)
                .orElseThrow(() -> ApiException.badBody("origin", "must be desk, complaint or patrol; alarms open their own orders"));
        String source = b.required("source");
        Optional<RegisteredDevice> device = deviceOf(source);
        String site = b.optional("site").or(() -> device.map(d -> d.site().value()))
                .orElseThrow(() -> ApiException.badBody("site", "is required when the source is not a registered device"));
        if (estate.sites().stream().noneMatch(s -> s.id().value().equals(site)) && !estate.sites().isEmpty()) {
            throw ApiException.badBody("site", "no site '" + site + "' in the estate");
        }
        WorkOrderService.ManualOrder order = new WorkOrderService.ManualOrder(site, source,
                b.optional("building").or(() -> device.map(RegisteredDevice::building)),
                b.optional("floor").or(() -> device.map(RegisteredDevice::floor)),
                b.optional("policy").orElse("repair"), from, summary, b.optional("fault"), b.optional("assignee"), user);
        orders.create(order).map(outcome -> answer("", Optional.of(outcome)))
                .onSuccess(json -> Json.send(ctx, 201, json)).onFailure(ctx::fail);
    }

    private Optional<RegisteredDevice> deviceOf(String source) {
        try {
            return estate.device(DeviceId.of(source));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a place, not a device id: "B2 car park ramp"
        }
    }

    private void report(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "from", "to"));
        Instant now = clock.instant();
        Instant to = params.instant("to").orElse(now);
        Instant from = params.instant("from").orElse(to.minus(Duration.ofDays(30)));
        checkPeriod(from, to);
        Optional<String> site = params.string("site");
        db.executeBlocking(() -> report.between(from, to, site, now), false).onSuccess(r -> Json.ok(ctx, r)).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "from", "to"));
        Instant now = clock.instant();
        Instant to = params.instant("to").orElse(now);
        Instant from = params.instant("from").orElse(to.minus(Duration.ofDays(31)));
        checkPeriod(from, to);
        Optional<String> site = params.string("site");
        db.executeBlocking(() -> WorkOrderReport.csv(store.created(from, to, site), now), false)
                .onSuccess(csv -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"work-orders.csv\"")
                        // a byte-order mark, so that spreadsheet programs read the Chinese summaries as UTF-8
                        .end("\uFEFF" + csv))
                .onFailure(ctx::fail);
    }

    private static void checkPeriod(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "must be before 'to' (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_REPORT) > 0) {
            throw ApiException.badParameter("from", "the period is at most 400 days");
        }
    }
}

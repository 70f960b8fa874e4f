package io.dutyroom.hub.http;

import io.dutyroom.hub.alarms.AlarmReport;
import io.dutyroom.hub.alarms.AlarmService;
import io.dutyroom.hub.auth.Authenticator;
import io.dutyroom.hub.auth.SessionThrottle;
import io.dutyroom.hub.auth.Sessions;
import io.dutyroom.hub.auth.UserStore;
import io.dutyroom.hub.complaints.ComplaintReport;
import io.dutyroom.hub.complaints.ComplaintService;
import io.dutyroom.hub.complaints.ComplaintStore;
import io.dutyroom.hub.drills.DrillService;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.ingest.DeviceState;
import io.dutyroom.hub.ingest.WatchedDevices;
import io.dutyroom.hub.logging.LogBudget;
import io.dutyroom.hub.storage.TelemetryQueries;
import io.dutyroom.hub.patrols.PatrolReport;
import io.dutyroom.hub.patrols.PatrolService;
import io.dutyroom.hub.patrols.PatrolStore;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.workorders.WorkOrderReport;
import io.dutyroom.hub.workorders.WorkOrderService;
import io.dutyroom.hub.workorders.WorkOrderStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the hub: health, Prometheus metrics, the JSON API under {@code /api/v1}, the live
 * feed, and the dashboard as static files. Errors are JSON {@code {"error": {code, message}}},
 * mapped once here. With log-in on, every {@code /api} request but the log-in itself passes
 * {@link AuthHandler} first.
 */
public final class HttpApiVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

    private final String host;
    private final int port;
    private final DeviceState state;
    private final TelemetryQueries telemetry;
    private final Timeline timeline;
    private final AlarmService alarms;
    private final AlarmReport alarmReport;
    private final WorkOrderParts workOrders;
    private final PatrolParts patrols;
    private final ComplaintParts complaints;
    private final DrillService drills;
    private final Optional<AuthParts> auth;
    private final WatchedDevices watched;
    private final WorkerExecutor db;
    private final PrometheusMeterRegistry metrics;
    private final HealthReport health;
    private final Clock clock;
    private final LogBudget internalErrors = new LogBudget(Duration.ofSeconds(10));
    private final ApiDescription description = ApiDescription.load(); // here, on the deploying thread: a file read
    private HttpServer server;
    private Router router;

    /** What the work-order endpoints need. */
    public record WorkOrderParts(WorkOrderService service, WorkOrderStore store, WorkOrderReport report, EstateRegistry estate) {
    }

    /** What the complaint endpoints need. */
    public record ComplaintParts(ComplaintService service, ComplaintStore store, ComplaintReport report) {
    }

    /**
     * What log-in needs; absent when log-in is off (auth.enabled: false, loopback only).
     *
     * @param hashing a small worker pool of its own for password hashing, slow by design
     */
    public record AuthParts(Sessions sessions, UserStore users, Authenticator authenticator, WorkerExecutor hashing) {
    }

    /** What the patrol endpoints need. */
    public record PatrolParts(PatrolService service, PatrolStore store, PatrolReport report) {
    }

    public HttpApiVerticle(String host, int port, DeviceState state, TelemetryQueries telemetry, Timeline timeline,
                           AlarmService alarms, AlarmReport alarmReport, WorkOrderParts workOrders, PatrolParts patrols,
                           ComplaintParts complaints, DrillService drills, Optional<AuthParts> auth, WatchedDevices watched,
                           WorkerExecutor db, PrometheusMeterRegistry metrics, HealthReport health, Clock clock) {
        this.host = host;
        this.port = port;
        this.state = state;
        this.telemetry = telemetry;
        this.timeline = timeline;
        this.alarms = alarms;
        this.alarmReport = alarmReport;
        this.workOrders = workOrders;
        this.patrols = patrols;
        this.complaints = complaints;
        this.drills = drills;
        this.auth = auth;
        this.watched = watched;
        this.db = db;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        this.router = router;
        SecurityHeaders.mount(router);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        RequestGuard.mount(router);
        // the gate first, so that it runs before every API route
        auth.ifPresentOrElse(a -> {
            new AuthHandler(a.sessions(), db).mount(router);
            new AuthRoutes(new AuthRoutes.Parts(a.sessions(), a.users(), a.authenticator(), new SessionThrottle(), a.hashing()),
                    timeline, db, clock, metrics).mount(router);
        }, () -> AuthRoutes.mountOff(router));
        new EstateRoutes(workOrders.estate()).mount(router);
        // the live streams keep their sessions fresh, and end with them
        SessionKeeper keeper = new SessionKeeper(vertx, auth.map(AuthParts::sessions), db);
        new DeviceRoutes(state, telemetry, db, clock).mount(router);
        new DeviceFeed(vertx, state, watched, keeper, metrics).mount(router);
        new LiveFeed(vertx, keeper, metrics).mount(router);
        new TimelineRoutes(timeline).mount(router);
        new AlarmRoutes(alarms, alarmReport, state, db, clock).mount(router);
        new WorkOrderRoutes(workOrders.service(), workOrders.store(), workOrders.report(), workOrders.estate(), db, clock).mount(router);
        new RosterRoutes(workOrders.service(), workOrders.estate(), clock).mount(router);
        new PatrolEndpoints(patrols.service(), patrols.store(), patrols.report(), db, clock).mount(router);
        new ComplaintRoutes(complaints.service(), complaints.store(), complaints.report(), workOrders.estate(), db, clock).mount(router);
        new DrillRoutes(drills).mount(router);
        router.route("/api/*").handler(ctx -> {
            if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.POST) {
                throw ApiException.methodNotAllowed(ctx.request().method() + " " + ctx.request().path()
                        + ": this API takes GET and POST (and DELETE on " + AuthRoutes.SESSION + ")");
            }
            throw ApiException.notFound("no such endpoint: " + ctx.request().method() + " " + ctx.request().path());
        });
        // the dashboard's libraries (uPlot), from their WebJars on the classpath; the path names the
        // version, so the browser may keep them
        description.mount(router);
        // UTF-8 said outright: Vert.x otherwise names the JVM's default charset, which under a POSIX
        // locale (a service, a container) is ASCII, and the browser then garbles every Chinese word
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400)
                .setDefaultContentEncoding("UTF-8"));
        router.route("/*").handler(StaticHandler.create("dutyroom-dashboard").setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
        router.route().failureHandler(this::failure);
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        return server.requestHandler(router).listen();
    }

    /**
     * The operations mounted, as {@code "GET /api/v1/alarms/{id}"} (path parameters in OpenAPI's
     * form), without the catch-alls for static files and unknown API paths: what the API
     * description must describe.
     */
    public List<String> mountedOperations() {
        List<String> operations = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || path.endsWith("*") || route.methods() == null) {
                continue;
            }
            String openApiPath = path.replaceAll(":([A-Za-z]+)", "{$1}");
            for (HttpMethod method : route.methods()) {
                operations.add(method.name() + " " + openApiPath);
            }
        }
        return operations.stream().distinct().sorted().toList();
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /**
     * Answered on the event loop from what the hub already knows (the database's state comes from
     * a probe that runs on its own), so it stays prompt when the database is down or every query
     * worker is stuck on it.
     */
    private void health(RoutingContext ctx) {
        JsonObject broker = health.broker();
        JsonObject database = health.database();
        JsonObject ingest = health.ingest();
        boolean up = broker.getBoolean("connected", false) && database.getBoolean("up", false) && !ingest.getBoolean("stalled", false);
        Json.send(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "up" : "degraded")
                .put("broker", broker).put("database", database).put("writer", health.writer()).put("ingest", ingest));
    }

    /** A connection failure (SQLState class 08) or no connection from the pool in time. */
    private static boolean isDatabaseDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException api) {
            Json.send(ctx, api.status(), api.toJson());
            return;
        }
        if (isDatabaseDown(failure)) {
            Json.send(ctx, 503, ApiException.unavailable("the database cannot be reached; try again shortly").toJson());
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 400 && status < 500) {
            // refused by Vert.x itself before any route of ours ran: a body over the endpoint's
            // limit (413), no such route; the caller's mistake, not the hub's
            Json.send(ctx, status, new JsonObject().put("error", new JsonObject().put("code", clientErrorCode(status))
                    .put("message", clientErrorMessage(status, ctx))));
            return;
        }
        long heldBack = internalErrors.take(); // anyone can reach some routes: the log must not be theirs to fill
        if (heldBack >= 0) {
            LOG.error("[http {} {}] failed{}", ctx.request().method(), ctx.request().path(), LogBudget.heldBackNote(heldBack), failure);
        }
        Json.send(ctx, 500, new JsonObject().put("error", new JsonObject().put("code", "internal")
                .put("message", "the hub could not answer; see its log")));
    }

    private static String clientErrorCode(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
    }

    private static String clientErrorMessage(int status, RoutingContext ctx) {
        String request = ctx.request().method() + " " + ctx.request().path();
        return status == 413 ? request + ": the request body is larger than this endpoint takes" : request;
    }
}

package io.dutyroom.hub.http;

import io.dutyroom.hub.patrols.CheckpointProgress;
import io.dutyroom.hub.patrols.Finding;
import io.dutyroom.hub.patrols.PatrolReport;
import io.dutyroom.hub.patrols.PatrolRound;
import io.dutyroom.hub.patrols.PatrolRoute;
import io.dutyroom.hub.patrols.PatrolRoutes;
import io.dutyroom.hub.patrols.PatrolScan;
import io.dutyroom.hub.patrols.PatrolService;
import io.dutyroom.hub.patrols.PatrolStore;
import io.dutyroom.hub.patrols.RoundProgress;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/patrols}: the routes, scans (recorded from the API as a guard's phone would, or
 * listed), a day's rounds with what each missed, and the completion report per route and guard.
 */
final class PatrolEndpoints {
    private static final Duration MAX_PERIOD = Duration.ofDays(400);

    private final PatrolService patrols;
    private final PatrolStore store;
    private final PatrolReport report;
    private final WorkerExecutor db;
    private final Clock clock;
    private final RoundProgress progress;

    PatrolEndpoints(PatrolService patrols, PatrolStore store, PatrolReport report, WorkerExecutor db, Clock clock) {
        this.patrols = patrols;
        this.store = store;
        this.report = report;
        this.db = db;
        this.clock = clock;
        this.progress = new RoundProgress(clock);
    }

    void mount(Router router) {
        router.get("/api/v1/patrols/routes").handler(this::routes);
        router.post("/api/v1/patrols/scans").handler(BodyHandler.create(false).setBodyLimit(32 * 1024)).handler(this::scan);
        router.get("/api/v1/patrols/scans").handler(this::scans);
        router.get("/api/v1/patrols/rounds").handler(this::rounds);
        router.get("/api/v1/patrols/report").handler(this::report);
    }

    private void routes(RoutingContext ctx) {
        Optional<String> site = new Params(ctx, Set.of("site")).string("site");
        JsonArray list = new JsonArray();
        patrols.routes().routes().stream().filter(r -> site.map(r.site()::equals).orElse(true)).forEach(r -> list.add(route(r)));
        Json.ok(ctx, new JsonObject().put("timeZone", patrols.routes().zone().getId()).put("routes", list));
    }

    private static JsonObject route(PatrolRoute r) {
        JsonArray checkpoints = new JsonArray();
        r.checkpoints().forEach(cp -> checkpoints.add(new JsonObject().put("id", cp.id()).put("name", Json.text(cp.name()))
                .put("building", cp.building()).put("floor", cp.floor()).put("checks", new JsonArray(cp.checks()))
                .put("dueAfter", cp.dueAfter().map(Duration::toString).orElse(null))));
        JsonArray windows = new JsonArray();
        r.windows().forEach(w -> windows.add(new JsonObject().put("start", w.start().toString()).put("end", w.end().toString())
                .put("days", new JsonArray(w.days().stream().map(d -> d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT)).sorted().toList()))));
        return new JsonObject().put("id", r.id()).put("site", r.site()).put("name", Json.text(r.name())).put("ordered", r.ordered())
                .put("early", r.early().toString()).put("lateGrace", r.lateGrace().toString()).put("windows", windows).put("checkpoints", checkpoints);
    }

    /** A guard's scan: {@code {"site", "checkpoint", "guard", "at"?, "condition"?, "text"?, "photos"?}}. */
    private void scan(RoutingContext ctx) {
        Body b = new Body(ctx, Set.of("site", "checkpoint", "guard", "at", "condition", "text", "photos"));
        String site = b.required("site");
        String checkpoint = b.required("checkpoint");
        String guard = b.required("guard");
        if (guard.length() > 64) {
            throw ApiException.badBody("guard", "at most 64 characters");
        }
        Instant at = b.optional("at").map(t -> {
            try {
                Instant parsed = java.time.OffsetDateTime.parse(t).toInstant();
                if (parsed.isBefore(clock.instant().minus(Duration.ofDays(7)))) {
                    throw ApiException.badBody("at", "is more than 7 days ago");
                }
                return parsed;
            } catch (DateTimeParseException e) {
                throw ApiException.badBody("at", "must be ISO-8601 with an offset, e.g. 2026-11-23T09:45:00+08:00");
            }
        }).orElse(clock.instant());
        if (at.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            throw ApiException.badBody("at", "is in the future");
        }
        Optional<Finding> finding;
        try {
            finding = PatrolService.finding(new JsonObject(ctx.body().asString()));
        } catch (IllegalArgumentException | DecodeException e) {
            throw ApiException.badBody("condition", e.getMessage());
        }
        patrols.scan(new PatrolService.ScanInput(site, new PatrolScan(checkpoint, guard, at, finding), "api", Optional.empty()))
                .map(outcome -> {
                    if (outcome.refusal().isPresent()) {
                        throw ApiException.badBody("checkpoint", outcome.refusal().get());
                    }
                    return outcome.scan().orElseThrow();
                }).onSuccess(json -> Json.send(ctx, json.getBoolean("duplicate", false) ? 200 : 201, json)).onFailure(ctx::fail);
    }

    private void scans(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "from", "to", "limit"));
        String site = params.string("site").orElseThrow(() -> ApiException.badParameter("site", "is required"));
        Instant to = params.instant("to").orElse(clock.instant());
        Instant from = params.instant("from").orElse(to.minus(Duration.ofDays(1)));
        period(from, to);
        int limit = params.integer("limit", 200, 1, 1000);
        db.executeBlocking(() -> store.scans(site, from, to, limit), false).map(list -> {
            JsonArray json = new JsonArray();
            list.forEach(s -> json.add(s.toJson()));
            return new JsonObject().put("scans", json);
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    /**
     * A day's rounds: the judged ones with their results, the ones still open with their progress so
     * far (each checkpoint scanned, waiting, or past its own due time), and the ones to come.
     */
    private void rounds(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "date"));
        String site = params.string("site").orElseThrow(() -> ApiException.badParameter("site", "is required"));
        PatrolRoutes routes = patrols.routes();
        LocalDate day = params.string("date").map(d -> {
            try {
                LocalDate parsed = LocalDate.parse(d);
                if (parsed.getYear() < 1970 || parsed.getYear() > 2199) {
                    throw ApiException.badParameter("date", "must be between 1970 and 2199");
                }
                return parsed;
            } catch (DateTimeParseException e) {
                throw ApiException.badParameter("date", "must be a date like 2026-11-23");
            }
        }).orElse(LocalDate.now(clock.withZone(routes.zone())));
        Instant from = day.atStartOfDay(routes.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(routes.zone()).toInstant();
        Instant now = clock.instant();
        // on the worker throughout: an open round's scans are read while the list is put together
        db.executeBlocking(() -> {
            List<JsonObject> judged = store.rounds(site, from, to);
            Set<String> done = new HashSet<>();
            JsonArray list = new JsonArray();
            judged.forEach(r -> {
                done.add(r.getString("id"));
                list.add(r.put("status", "judged"));
            });
            // rounds of the day not judged: still to come, open now, or past their judging time
            // without a judgement (the hub was not running then, so it cannot say who missed what)
            List<PatrolRound> all = routes.roundsClosingBetween(from, to.plus(Duration.ofDays(1))).stream()
                    .filter(r -> r.route().site().equals(site) && !r.opens().isBefore(from) && r.opens().isBefore(to)).toList();
            for (PatrolRound r : all) {
                if (done.contains(r.id())) {
                    continue;
                }
                String status = now.isBefore(r.earliest()) ? "upcoming" : now.isBefore(r.judgedAt()) ? "open" : "unjudged";
                JsonObject json = new JsonObject().put("id", r.id()).put("route", r.route().id()).put("opens", r.opens().toString())
                        .put("closes", r.closes().toString()).put("judgedAt", r.judgedAt().toString()).put("status", status);
                if (status.equals("open")) {
                    json.mergeIn(progress(progress.of(r, store.scansOf(r))));
                }
                list.add(json);
            }
            return new JsonObject().put("site", site).put("date", day.toString()).put("rounds", list);
        }, false).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    /** An open round's progress: counts, and each checkpoint as {@code {checkpoint, dueAt, status, guard, at}}. */
    private static JsonObject progress(List<CheckpointProgress> checkpoints) {
        JsonArray list = new JsonArray();
        checkpoints.forEach(cp -> list.add(new JsonObject().put("checkpoint", cp.checkpoint().id()).put("dueAt", cp.dueAt().toString())
                .put("status", cp.status().code()).put("guard", cp.scan().map(PatrolScan::guard).orElse(null))
                .put("at", cp.scan().map(s -> s.at().toString()).orElse(null))));
        long overdue = checkpoints.stream().filter(cp -> cp.status() == CheckpointProgress.Status.OVERDUE).count();
        long waiting = checkpoints.stream().filter(cp -> cp.status() == CheckpointProgress.Status.WAITING).count();
        return new JsonObject().put("checkpoints", checkpoints.size()).put("done", checkpoints.size() - overdue - waiting)
                .put("overdue", overdue).put("progress", list);
    }

    private void report(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "from", "to", "by"));
        String site = params.string("site").orElseThrow(() -> ApiException.badParameter("site", "is required"));
        Instant to = params.instant("to").orElse(clock.instant());
        Instant from = params.instant("from").orElse(to.minus(Duration.ofDays(7)));
        period(from, to);
        String by = params.string("by").orElse("day");
        if (!by.equals("day") && !by.equals("week")) {
            throw ApiException.badParameter("by", "must be day or week");
        }
        db.executeBlocking(() -> report.between(site, from, to, by), false).onSuccess(r -> Json.ok(ctx, r)).onFailure(ctx::fail);
    }

    private static void period(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "must be before 'to' (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw ApiException.badParameter("from", "the period is at most 400 days");
        }
    }

}

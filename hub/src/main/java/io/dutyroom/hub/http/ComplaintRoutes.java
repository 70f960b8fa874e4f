package io.dutyroom.hub.http;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.hub.auth.SessionUser;
import io.dutyroom.hub.complaints.ComplaintAction;
import io.dutyroom.hub.complaints.ComplaintChannel;
import io.dutyroom.hub.complaints.ComplaintKind;
import io.dutyroom.hub.complaints.ComplaintReport;
import io.dutyroom.hub.complaints.ComplaintService;
import io.dutyroom.hub.complaints.ComplaintState;
import io.dutyroom.hub.complaints.ComplaintStore;
import io.dutyroom.hub.complaints.Resident;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
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
import java.util.regex.Pattern;

/**
 * {@code /api/v1/complaints}: the complaint register. The list, one complaint, recording one, each
 * step of its lifecycle (a repair's handling opening a linked work order), the quarterly report and
 * the CSV export. The person acting is the session's user (with log-in off: {@code user} in the body).
 *
 * <p>Privacy: every answer masks the resident's name and phone, except {@code /resident}, the one
 * place they are served in full.
 */
final class ComplaintRoutes {
    private static final Duration MAX_REPORT = Duration.ofDays(400);
    private static final int MAX_SHORT = 64;
    /** Digits with the spaces, hyphens, parentheses and leading + people write in phone numbers. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()\\-]{1,30}");
    private static final String STATES = "recorded, assigned, handling, resolved, return-visited, closed";

    private final ComplaintService complaints;
    private final ComplaintStore store;
    private final ComplaintReport report;
    private final EstateRegistry estate;
    private final WorkerExecutor db;
    private final Clock clock;

    ComplaintRoutes(ComplaintService complaints, ComplaintStore store, ComplaintReport report, EstateRegistry estate, WorkerExecutor db,
                    Clock clock) {
        this.complaints = complaints;
        this.store = store;
        this.report = report;
        this.estate = estate;
        this.db = db;
        this.clock = clock;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(16 * 1024);
        router.get("/api/v1/complaints").handler(this::list);
        router.post("/api/v1/complaints").handler(body).handler(this::record);
        router.get("/api/v1/complaints/report").handler(this::report);
        router.get("/api/v1/complaints/export.csv").handler(this::export);
        router.get("/api/v1/complaints/:id").handler(this::one);
        router.get("/api/v1/complaints/:id/resident").handler(this::resident);
        action(router, body, "assign", Set.of("user", "kind", "department", "major"), (ctx, b) -> new ComplaintAction.Assign(b.user(),
                kind(b.required("kind")), shortText(b, "department"), optionalBool(ctx, b, "major")));
        router.post("/api/v1/complaints/:id/handle").handler(body).handler(this::handle);
        action(router, body, "resolve", Set.of("user", "result"), (ctx, b) -> new ComplaintAction.Resolve(b.user(), b.required("result")));
        action(router, body, "return-visit", Set.of("user", "satisfied", "note"),
                (ctx, b) -> new ComplaintAction.ReturnVisit(b.user(), b.bool("satisfied"), b.optional("note").orElse(null)));
        action(router, body, "close", Set.of("user"), (ctx, b) -> new ComplaintAction.Close(b.user()));
        action(router, body, "escalate", Set.of("user", "reason"), (ctx, b) -> new ComplaintAction.Escalate(b.user(), b.required("reason")));
        action(router, body, "reassign", Set.of("user", "owner"), (ctx, b) -> new ComplaintAction.Reassign(b.user(), shortText(b, "owner")));
    }

    private interface Parse {
        ComplaintAction apply(RoutingContext ctx, Body body);
    }

    private void action(Router router, BodyHandler body, String name, Set<String> fields, Parse parse) {
        router.post("/api/v1/complaints/:id/" + name).handler(body).handler(ctx -> {
            String id = ctx.pathParam("id");
            ComplaintAction action = parse.apply(ctx, new Body(ctx, fields));
            answer(ctx, id, complaints.act(id, action));
        });
    }

    /** Handle; with {@code repair: true} it opens a work order for the repair, linked to the complaint. */
    private void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Body b = new Body(ctx, Set.of("user", "note", "repair", "source", "policy"));
        String user = b.user();
        String note = b.optional("note").orElse(null);
        boolean repair = optionalBool(ctx, b, "repair");
        Optional<String> source = b.optional("source");
        Optional<String> policy = b.optional("policy");
        if (!repair && (source.isPresent() || policy.isPresent())) {
            throw ApiException.badBody(source.isPresent() ? "source" : "policy", "is for a repair's work order; give \"repair\": true as well");
        }
        answer(ctx, id, repair ? complaints.handleWithRepair(id, user, note, source, policy)
                : complaints.act(id, new ComplaintAction.Handle(user, note)));
    }

    private static void answer(RoutingContext ctx, String id, Future<Optional<ComplaintService.Outcome>> done) {
        done.map(outcome -> {
            ComplaintService.Outcome o = outcome.orElseThrow(() -> ApiException.notFound("no complaint " + id));
            if (o.refusal().isPresent()) {
                throw ApiException.conflict(o.refusal().get());
            }
            return o.complaint().orElseThrow();
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void record(RoutingContext ctx) {
        Body b = new Body(ctx, Set.of("user", "site", "unit", "building", "floor", "residentName", "residentPhone", "channel", "summary",
                "matter", "source"));
        String user = b.user();
        String unit = shortText(b, "unit");
        String channelCode = b.required("channel");
        ComplaintChannel channel = ComplaintChannel.ofCode(channelCode)
                .orElseThrow(() -> ApiException.badBody("channel", "must be one of phone, visit, letter, email-web; was '" + channelCode + "'"));
        String summary = b.required("summary");
        Optional<String> name = b.optional("residentName");
        if (name.isPresent() && name.get().length() > MAX_SHORT) {
            throw ApiException.badBody("residentName", "at most " + MAX_SHORT + " characters");
        }
        Optional<String> phone = b.optional("residentPhone");
        // the message never repeats the number: a 400 may end up in someone's log
        if (phone.isPresent() && !PHONE.matcher(phone.get()).matches()) {
            throw ApiException.badBody("residentPhone", "must be a phone number: digits, with spaces, hyphens, parentheses or a leading +");
        }
        Optional<String> source = b.optional("source");
        if (source.isPresent() && !DeviceId.isValid(source.get())) {
            throw ApiException.badBody("source", "must be a device id, e.g. pump-1; write a place in the summary");
        }
        Optional<RegisteredDevice> device = source.flatMap(s -> estate.device(DeviceId.of(s)));
        String site = b.optional("site").or(() -> device.map(d -> d.site().value()))
                .orElseThrow(() -> ApiException.badBody("site", "is required when the source is not a registered device"));
        if (!estate.sites().isEmpty() && estate.sites().stream().noneMatch(s -> s.id().value().equals(site))) {
            throw ApiException.badBody("site", "no site '" + site + "' in the estate");
        }
        ComplaintService.NewComplaint complaint = new ComplaintService.NewComplaint(site, unit,
                b.optional("building").or(() -> device.map(RegisteredDevice::building)),
                b.optional("floor").or(() -> device.map(RegisteredDevice::floor)),
                name, phone, channel, summary, b.optional("matter"), source, user);
        complaints.record(complaint).onSuccess(json -> Json.send(ctx, 201, json)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "state", "unit", "owner", "open", "limit"));
        Optional<String> state = params.string("state");
        state.ifPresent(s -> ComplaintState.ofCode(s).orElseThrow(() -> ApiException.badParameter("state", "must be one of " + STATES)));
        String open = params.string("open").orElse("false");
        if (!Set.of("true", "false").contains(open)) {
            throw ApiException.badParameter("open", "must be true or false");
        }
        ComplaintStore.Filter filter = new ComplaintStore.Filter(params.string("site"), state, params.string("unit"), params.string("owner"),
                open.equals("true"), params.integer("limit", 100, 1, 1000));
        db.executeBlocking(() -> store.list(filter), false).map(list -> {
            Instant now = clock.instant();
            JsonArray json = new JsonArray();
            list.forEach(k -> json.add(k.toJson(now, false)));
            return new JsonObject().put("complaints", json);
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        new Params(ctx, Set.of());
        String id = ctx.pathParam("id");
        db.executeBlocking(() -> store.find(id), false)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("no complaint " + id)).toJson(clock.instant(), false))
                .onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    /**
     * The resident in full: the one place the API serves a resident's name and phone, for calling
     * them back. With log-in on, only the desk, supervisors and admins may read it (the people who
     * make the return visits; see {@link io.dutyroom.hub.auth.Access}). Every read is on the timeline
     * with its reader ({@code complaint.resident-viewed}): who looked at whose details is for the
     * audit trail to tell.
     */
    private void resident(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("user"));
        String id = ctx.pathParam("id");
        String reader = reader(ctx, params.string("user"));
        complaints.readResident(id, reader).map(found -> {
            Resident r = found.orElseThrow(() -> ApiException.notFound("no complaint " + id));
            return new JsonObject().put("id", id).put("resident", new JsonObject().put("name", r.name()).put("phone", r.phone())
                    .put("unit", r.unit()));
        }).onSuccess(json -> {
            // not cached anywhere on the way
            ctx.response().putHeader("Cache-Control", "no-store");
            Json.ok(ctx, json);
        }).onFailure(ctx::fail);
    }

    /**
     * Who reads a resident: the session's user; a {@code user} parameter naming someone else is
     * refused, as in an action's body. With log-in off (loopback only) a GET has no body, so the
     * reader names themselves with {@code ?user=}, taken on trust; without it the read is recorded
     * with nobody's name (null).
     */
    private static String reader(RoutingContext ctx, Optional<String> named) {
        if (ctx.get(SessionUser.KEY) instanceof SessionUser session) {
            if (named.isPresent() && !named.get().equals(session.username())) {
                throw ApiException.badParameter("user", "you are logged in as '" + session.username() + "'; leave user out, or give your own name");
            }
            return session.username();
        }
        if (named.isPresent() && named.get().length() > MAX_SHORT) {
            throw ApiException.badParameter("user", "at most " + MAX_SHORT + " characters");
        }
        return named.orElse(null);
    }

    private void report(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "from", "to"));
        ComplaintReport.Period period = period(params);
        Optional<String> site = params.string("site");
        db.executeBlocking(() -> report.between(period.from(), period.to(), site), false)
                .onSuccess(r -> Json.ok(ctx, r)).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        Params params = new Params(ctx, Set.of("site", "from", "to"));
        ComplaintReport.Period period = period(params);
        Optional<String> site = params.string("site");
        db.executeBlocking(() -> ComplaintReport.csv(store.received(period.from(), period.to(), site)), false)
                .onSuccess(csv -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"complaints.csv\"")
                        // a byte-order mark, so that spreadsheet programs read the Chinese summaries as UTF-8
                        .end("\uFEFF" + csv))
                .onFailure(ctx::fail);
    }

    /** {@code from} and {@code to}; by default the current calendar quarter, in the roster's time zone. */
    private ComplaintReport.Period period(Params params) {
        ComplaintReport.Period quarter = report.quarterOf(clock.instant());
        Optional<Instant> from = params.instant("from");
        Optional<Instant> to = params.instant("to");
        ComplaintReport.Period p = from.isEmpty() && to.isEmpty() ? quarter
                : new ComplaintReport.Period(from.orElseGet(() -> report.quarterOf(to.get().minusNanos(1)).from()),
                to.orElseGet(() -> report.quarterOf(from.get()).to()));
        if (!p.from().isBefore(p.to())) {
            throw ApiException.badParameter("from", "must be before 'to' (" + p.to() + ")");
        }
        if (Duration.between(p.from(), p.to()).compareTo(MAX_REPORT) > 0) {
            throw ApiException.badParameter("from", "the period is at most 400 days");
        }
        return p;
    }

    private static ComplaintKind kind(String code) {
        return ComplaintKind.ofCode(code)
                .orElseThrow(() -> ApiException.badBody("kind", "must be one of help-seeking, consultation, venting; was '" + code + "'"));
    }

    /** A required short text: a name, a unit, a department. */
    private static String shortText(Body b, String field) {
        String value = b.required(field);
        if (value.length() > MAX_SHORT) {
            throw ApiException.badBody(field, "at most " + MAX_SHORT + " characters");
        }
        return value;
    }

    /** true or false when given; false when not. */
    private static boolean optionalBool(RoutingContext ctx, Body b, String field) {
        return ctx.body().asJsonObject().getValue(field) != null && b.bool(field);
    }
}

package io.dutyroom.hub.patrols;

import io.dutyroom.adapters.model.DeviceEvent;
import io.dutyroom.hub.ingest.PatrolScans;
import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.dutyroom.hub.workorders.WorkOrder;
import io.dutyroom.hub.workorders.WorkOrderService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security patrols on the duty room's timeline: each scan of a checkpoint, from the API or from a
 * reader over MQTT, is stored and told; a fault a guard finds opens a work order; and when a round's
 * window closes (its late grace included) the round is judged: missed and late checkpoints, a walk
 * out of order, and how much of it was done.
 *
 * <p>A round is judged once, by whichever hub claims its row first. At start the hub goes back to
 * the last round it judged (at most a day), so rounds that closed while it was down are judged too;
 * a hub that never judged one starts from now, rather than report the rounds of the day before it
 * was installed as missed.
 */
public final class PatrolService extends VerticleBase implements PatrolScans {
    static final Duration LOOK_BACK_AT_START = Duration.ofDays(1);
    /** Who the hub's own steps are recorded as. */
    private static final String HUB = "dutyroom";
    private static final Logger LOG = LoggerFactory.getLogger(PatrolService.class);

    private final PatrolRoutes routes;
    private final PatrolStore store;
    private final WorkerExecutor db;
    private final Timeline timeline;
    private final WorkOrderService workOrders;
    private final Clock clock;
    private final Duration checkEvery;
    private final RoundJudge judge = new RoundJudge();
    private final Counter scans;
    private final Counter missed;
    private final AtomicBoolean checking = new AtomicBoolean();
    /** Rounds whose judging failed (the database was away); few, since a round is due at most a few times a day. */
    private final java.util.Set<PatrolRound> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long ticker = -1;
    private Instant lastCheck;

    /** A scan as it arrives. {@code reader} is the MQTT device that sent it, if any. */
    public record ScanInput(String site, PatrolScan scan, String via, Optional<String> reader) {
    }

    /** The stored scan, or why it was refused. */
    public record Outcome(Optional<JsonObject> scan, Optional<String> refusal) {
    }

    public PatrolService(PatrolRoutes routes, PatrolStore store, Timeline timeline, WorkerExecutor db, WorkOrderService workOrders,
                         Clock clock, Duration checkEvery, MeterRegistry metrics) {
        this.routes = routes;
        this.store = store;
        this.db = db;
        this.timeline = timeline;
        this.workOrders = workOrders;
        this.clock = clock;
        this.checkEvery = checkEvery;
        this.scans = Counter.builder("dutyroom.patrols.scans").description("checkpoint scans stored").register(metrics);
        this.missed = Counter.builder("dutyroom.patrols.missed").description("checkpoints missed in judged rounds").register(metrics);
    }

    @Override
    public Future<?> start() {
        Instant now = clock.instant();
        return db.executeBlocking(store::lastJudged, false).map(last -> {
            Instant earliest = now.minus(LOOK_BACK_AT_START);
            lastCheck = last.filter(t -> t.isAfter(earliest)).orElse(last.isPresent() ? earliest : now);
            check();
            ticker = vertx.setPeriodic(checkEvery.toMillis(), id -> check());
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(ticker);
        return Future.succeededFuture();
    }

    public PatrolRoutes routes() {
        return routes;
    }

    /**
     * Stores a scan and tells of it. A scan counts for the round whose window (with its margins) holds
     * it; one outside every window is kept and said to be so. A fault opens a work order.
     */
    public Future<Outcome> scan(ScanInput in) {
        Optional<PatrolRoute> found = routes.routeOf(in.site(), in.scan().checkpointId());
        if (found.isEmpty()) {
            return Future.succeededFuture(new Outcome(Optional.empty(),
                    Optional.of("no checkpoint '" + in.scan().checkpointId() + "' on a patrol route of site '" + in.site() + "'")));
        }
        PatrolRoute route = found.get();
        Checkpoint checkpoint = route.checkpoint(in.scan().checkpointId()).orElseThrow();
        Optional<PatrolRound> round = routes.roundsAt(in.scan().at(), in.site()).stream().filter(r -> r.route().id().equals(route.id())).findFirst();
        return timeline.transact((c, appender) -> {
            Optional<Long> inserted = PatrolStore.insertScan(c, in.site(), route.id(), in.scan(), in.via(), in.reader().orElse(null),
                    round.map(PatrolRound::id).orElse(null));
            if (inserted.isEmpty()) {
                // the same scan again: a reader's message delivered twice, or a client's retry
                return new JsonObject().put("duplicate", true).put("route", route.id()).put("checkpoint", checkpoint.id())
                        .put("guard", in.scan().guard()).put("at", in.scan().at().toString());
            }
            long id = inserted.get();
            // a scan buffered by a reader can arrive after its round was judged; it is kept, and said to be late for the judging
            String timing = round.map(r -> timing(r, in.scan().at())).orElse("outside-window");
            if (round.isPresent() && PatrolStore.judged(c, round.get().id())) {
                timing = "after-judgement";
            }
            JsonObject payload = place(route, checkpoint).put("scanId", id).put("guard", in.scan().guard()).put("round", round.map(PatrolRound::id).orElse(null))
                    .put("timing", timing).put("via", in.via()).put("by", in.scan().guard());
            in.scan().finding().ifPresent(f -> payload.put("condition", f.condition()).put("text", f.text()).put("photos", new JsonArray(f.photos())));
            boolean fault = in.scan().finding().map(Finding::fault).orElse(false);
            TimelineEvent event = appender.append(TimelineEvent.of(in.scan().at(), PatrolEvents.SCAN, in.site(), checkpoint.id(),
                    fault ? Severity.WARNING : Severity.INFO, payload));
            return new PatrolStore.StoredScan(id, in.site(), route.id(), in.scan(), in.via(), in.reader().orElse(null),
                    round.map(PatrolRound::id).orElse(null), null).toJson().put("timing", timing).put("eventId", event.id());
        }).compose(stored -> {
            if (stored.getBoolean("duplicate", false)) {
                return Future.succeededFuture(stored);
            }
            scans.increment();
            boolean fault = in.scan().finding().map(Finding::fault).orElse(false);
            if (!fault) {
                return Future.succeededFuture(stored);
            }
            // the scan is stored whatever becomes of its order: a failure here is logged, not the scan's
            return openOrder(in, route, checkpoint, stored).recover(e -> {
                LOG.error("patrols: the fault found at {} (scan {}) opened no work order: {}", checkpoint.id(), stored.getLong("id"), e.getMessage());
                return Future.succeededFuture(stored);
            });
        }).map(stored -> new Outcome(Optional.of(stored), Optional.empty()));
    }

    /**
     * A fault found on a round opens a work order with the patrol as its source. The order is its own
     * transaction; the scan is linked to it after, so a crash between the two leaves an order whose
     * scan does not name it (the order's timeline does).
     */
    private Future<JsonObject> openOrder(ScanInput in, PatrolRoute route, Checkpoint checkpoint, JsonObject stored) {
        Finding f = in.scan().finding().orElseThrow();
        String summary = (checkpoint.name() == null ? checkpoint.id() : checkpoint.name().zh()) + ": "
                + (f.text() == null ? "巡查发现故障 / fault found on patrol" : f.text());
        WorkOrderService.ManualOrder order = new WorkOrderService.ManualOrder(in.site(), checkpoint.id(), Optional.ofNullable(checkpoint.building()),
                Optional.ofNullable(checkpoint.floor()), "patrol-finding", WorkOrder.Origin.PATROL, summary, Optional.of("patrol-fault"),
                Optional.empty(), in.scan().guard());
        return workOrders.create(order).compose(outcome -> {
            String orderId = outcome.order().map(o -> o.getString("id")).orElse(null);
            if (orderId == null) {
                LOG.error("patrols: the fault found at {} opened no work order: {}", checkpoint.id(), outcome.refusal().orElse("?"));
                return Future.succeededFuture(stored);
            }
            long scanId = stored.getLong("id");
            return timeline.transact((c, appender) -> {
                PatrolStore.linkWorkOrder(c, scanId, orderId);
                appender.append(TimelineEvent.of(clock.instant(), PatrolEvents.FINDING_WORK_ORDER, in.site(), checkpoint.id(), Severity.INFO,
                        place(route, checkpoint).put("scanId", scanId).put("workOrderId", orderId).put("by", in.scan().guard())));
                return stored.put("workOrderId", orderId);
            });
        });
    }

    /**
     * A scan published by a checkpoint reader or a guard's phone as a {@code patrol.scan} event:
     * {@code data} names the {@code checkpoint} and the {@code guard}, and may carry a finding
     * ({@code condition}, {@code text}, {@code photos}). The event's time is the scan's.
     */
    @Override
    public Future<Optional<String>> scan(DeviceEvent event) {
        JsonObject data;
        try {
            data = new JsonObject(event.dataJson());
            Object checkpoint = data.getValue("checkpoint");
            Object guard = data.getValue("guard");
            if (!(checkpoint instanceof String cp) || cp.isBlank() || !(guard instanceof String g) || g.isBlank() || g.length() > 64) {
                return Future.succeededFuture(Optional.of("a patrol.scan names its 'checkpoint' and 'guard' (strings; a guard id at most 64 characters)"));
            }
            Optional<Finding> finding = finding(data);
            PatrolScan scan = new PatrolScan(cp, g, event.ts(), finding);
            return scan(new ScanInput(event.site().value(), scan, "mqtt", Optional.of(event.device().value())))
                    .map(outcome -> outcome.refusal());
        } catch (IllegalArgumentException | ClassCastException e) {
            return Future.succeededFuture(Optional.of("a patrol.scan finding is not valid: " + e.getMessage()));
        }
    }

    /** The finding in a scan's data or a request body; empty when it records none. */
    public static Optional<Finding> finding(JsonObject data) {
        Object condition = data.getValue("condition");
        if (condition == null && data.getValue("text") == null && data.getValue("photos") == null) {
            return Optional.empty();
        }
        String c = condition == null ? Finding.OK : condition.toString();
        Object text = data.getValue("text");
        if (text != null && (!(text instanceof String t) || t.length() > 2000)) {
            throw new IllegalArgumentException("'text' must be a string of at most 2000 characters");
        }
        Object photos = data.getValue("photos");
        List<String> links = List.of();
        if (photos != null) {
            if (!(photos instanceof JsonArray a) || a.size() > 20 || a.stream().anyMatch(x -> !(x instanceof String s) || !s.matches("https?://\\S{1,2000}"))) {
                throw new IllegalArgumentException("'photos' must be a list of at most 20 http(s) links");
            }
            links = ((JsonArray) photos).stream().map(Object::toString).toList();
        }
        return Optional.of(new Finding(c, (String) text, links));
    }

    private static String timing(PatrolRound round, Instant at) {
        if (at.isBefore(round.opens())) {
            return "early";
        }
        return at.isBefore(round.closes()) ? "on-time" : "late";
    }

    // ---- judging rounds when their windows close ----

    private void check() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        Instant now = clock.instant();
        Instant since = lastCheck;
        lastCheck = now;
        Future<Void> all = Future.succeededFuture();
        // rounds whose judging failed last time come first; they are kept until judged
        java.util.Set<PatrolRound> due = new java.util.LinkedHashSet<>(failed);
        due.addAll(routes.roundsClosingBetween(since, now));
        for (PatrolRound round : due) {
            all = all.compose(v -> judge(round, now).map(x -> {
                failed.remove(round);
                return (Void) null;
            }).recover(e -> {
                LOG.error("patrols: judging round {} failed, tried again in {}: {}", round.id(), checkEvery, e.getMessage());
                failed.add(round);
                return Future.succeededFuture();
            }));
        }
        all.onComplete(x -> checking.set(false));
    }

    private Future<Void> judge(PatrolRound round, Instant now) {
        PatrolRoute route = round.route();
        return timeline.transact((c, appender) -> {
            RoundResult result = judge.judge(round, PatrolStore.scans(c, route.id(), round.earliest(), round.judgedAt()));
            if (!PatrolStore.saveRound(c, result, now)) {
                return 0; // judged already
            }
            Instant at = round.judgedAt();
            for (CheckpointResult cp : result.missed()) {
                appender.append(TimelineEvent.of(at, PatrolEvents.MISSED, route.site(), cp.checkpoint().id(), Severity.WARNING,
                        place(route, cp.checkpoint()).put("round", round.id()).put("windowOpens", round.opens().toString())
                                .put("windowCloses", round.closes().toString()).put("by", HUB)));
            }
            for (CheckpointResult cp : result.late()) {
                appender.append(TimelineEvent.of(at, PatrolEvents.LATE, route.site(), cp.checkpoint().id(), Severity.INFO,
                        place(route, cp.checkpoint()).put("round", round.id()).put("guard", cp.scan().orElseThrow().guard())
                                .put("scannedAt", cp.scan().orElseThrow().at().toString()).put("windowCloses", round.closes().toString())
                                .put("by", HUB)));
            }
            if (result.outOfOrder()) {
                appender.append(TimelineEvent.of(at, PatrolEvents.OUT_OF_ORDER, route.site(), route.id(), Severity.WARNING,
                        routePayload(route).put("round", round.id()).put("checkpoints", new JsonArray(result.outOfOrderCheckpoints()))
                                .put("by", HUB)));
            }
            JsonArray guards = new JsonArray(result.guards().stream().sorted(Comparator.naturalOrder()).toList());
            appender.append(TimelineEvent.of(at, PatrolEvents.ROUND_JUDGED, route.site(), route.id(),
                    result.missed().isEmpty() ? Severity.INFO : Severity.WARNING,
                    routePayload(route).put("round", round.id()).put("windowOpens", round.opens().toString())
                            .put("windowCloses", round.closes().toString()).put("checkpoints", result.checkpoints().size())
                            .put("done", result.done()).put("late", result.late().size()).put("missed", result.missed().size())
                            .put("completion", result.completion()).put("outOfOrder", result.outOfOrder()).put("guards", guards)
                            .put("by", HUB)));
            return result.missed().size();
        }).onSuccess(missed::increment).mapEmpty();
    }

    private static JsonObject place(PatrolRoute route, Checkpoint checkpoint) {
        JsonObject p = routePayload(route).put("checkpoint", checkpoint.id()).put("checks", new JsonArray(checkpoint.checks()));
        if (checkpoint.name() != null) {
            p.put("name", new JsonObject().put("zh", checkpoint.name().zh()).put("en", checkpoint.name().en()));
        }
        if (checkpoint.building() != null) {
            p.put("building", checkpoint.building());
        }
        if (checkpoint.floor() != null) {
            p.put("floor", checkpoint.floor());
        }
        return p;
    }

    /** The route's name, and its building when all its checkpoints are in one: so the building's timeline has its rounds. */
    private static JsonObject routePayload(PatrolRoute route) {
        JsonObject p = new JsonObject().put("route", route.id());
        List<String> buildings = route.checkpoints().stream().map(Checkpoint::building).filter(java.util.Objects::nonNull).distinct().toList();
        if (buildings.size() == 1) {
            p.put("building", buildings.get(0));
        }
        if (route.name() != null) {
            p.put("routeName", new JsonObject().put("zh", route.name().zh()).put("en", route.name().en()));
        }
        return p;
    }
}

package io.dutyroom.hub.drills;

import io.dutyroom.hub.config.DrillOptions;
import io.dutyroom.hub.timeline.EventKind;
import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the running drills and makes each one's score final once: {@code scored} when its four
 * steps are done, {@code abandoned} with its partial score when {@code drills.abandonAfter} has
 * passed since its start. A drill is looked at whenever an event of it reaches the timeline (its
 * alarm acknowledged, its order dispatched, ...) and every {@code drills.checkEvery}, when the
 * running drills are also read again from the database: so a restarted hub, or another hub, goes on
 * watching the drills it did not start.
 *
 * <p>Runs on its own context; a drill is judged by one evaluation at a time, and an event that
 * arrives meanwhile asks for one more afterwards, never for a queue of them.
 */
public final class DrillWatch extends VerticleBase {
    /** Who the hub's own events are recorded as. */
    static final String HUB = "dutyroom";
    private static final Logger LOG = LoggerFactory.getLogger(DrillWatch.class);

    private final DrillStore store;
    private final Timeline timeline;
    private final WorkerExecutor db;
    private final DrillOptions options;
    private final Clock clock;
    private final Map<String, DrillRecord> running = new ConcurrentHashMap<>();
    private final Set<String> evaluating = ConcurrentHashMap.newKeySet();
    private final Set<String> again = ConcurrentHashMap.newKeySet();
    private MessageConsumer<JsonObject> consumer;
    private long ticker = -1;
    private boolean reloading;

    public DrillWatch(DrillStore store, Timeline timeline, WorkerExecutor db, DrillOptions options, Clock clock) {
        this.store = store;
        this.timeline = timeline;
        this.db = db;
        this.options = options;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return db.executeBlocking(store::running, false).map(drills -> {
            drills.forEach(d -> running.put(d.id(), d));
            if (!drills.isEmpty()) {
                LOG.info("watching {} running drills", drills.size());
            }
            consumer = vertx.eventBus().consumer(Timeline.LIVE_ADDRESS, this::heard);
            ticker = vertx.setPeriodic(options.checkEvery().toMillis(), id -> check());
            running.keySet().forEach(this::evaluate);
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(ticker);
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    /** A drill just started here: watched from now, without waiting for the next check. */
    void watch(DrillRecord drill) {
        running.put(drill.id(), drill);
    }

    /** The drill running in a building, if any: one at a time per building. */
    Optional<DrillRecord> runningIn(String site, String building) {
        return running.values().stream().filter(d -> d.site().equals(site) && d.building().equals(building)).findFirst();
    }

    private void heard(Message<JsonObject> message) {
        JsonObject payload = message.body().getJsonObject("payload");
        if (payload != null && payload.getValue("drill") instanceof String drill && running.containsKey(drill)
                && !message.body().getString("kind", "").startsWith("drill.")) {
            evaluate(drill);
        }
    }

    /** Reads the running drills again (others may have started or finished some), then looks at each. */
    private void check() {
        if (reloading) {
            return;
        }
        reloading = true;
        // only these can have been finished elsewhere: one started here meanwhile may not have been read
        Set<String> known = Set.copyOf(running.keySet());
        db.executeBlocking(store::running, false).onSuccess(drills -> {
            Set<String> ids = new HashSet<>();
            drills.forEach(d -> {
                ids.add(d.id());
                running.put(d.id(), d);
            });
            known.stream().filter(id -> !ids.contains(id)).forEach(running::remove);
            ids.forEach(this::evaluate);
        }).onFailure(e -> LOG.warn("drills: cannot read the running drills ({}); trying again in {}", e.getMessage(), options.checkEvery()))
                .onComplete(x -> reloading = false);
    }

    private void evaluate(String id) {
        DrillRecord drill = running.get(id);
        if (drill == null) {
            return;
        }
        if (!evaluating.add(id)) {
            again.add(id);
            return;
        }
        db.executeBlocking(() -> store.facts(List.of(id)).get(id), false)
                .compose(facts -> judge(drill, facts, clock.instant()))
                .onFailure(e -> LOG.warn("drills: {} not judged now ({}); looking again at the next check", id, e.getMessage()))
                .onComplete(x -> {
                    evaluating.remove(id);
                    if (again.remove(id)) {
                        evaluate(id);
                    }
                });
    }

    /** Makes the score final if the drill is done or its time is up; otherwise leaves it running. */
    private Future<Void> judge(DrillRecord drill, DrillFacts facts, Instant now) {
        DrillScore score = DrillScore.of(facts, drill.acknowledgeWithin());
        DrillState verdict;
        if (score.complete()) {
            verdict = DrillState.SCORED;
        } else if (!now.isBefore(drill.startedAt().plus(options.abandonAfter()))) {
            verdict = DrillState.ABANDONED;
        } else {
            return Future.succeededFuture();
        }
        JsonObject json = score.toJson();
        return timeline.transact((c, appender) -> {
            if (DrillStore.finish(c, drill.id(), verdict, json, now)) {
                appender.append(ended(drill, verdict, json, now));
            }
            return null;
        }).<Void>mapEmpty().onSuccess(v -> {
            running.remove(drill.id());
            LOG.info("drill {} {}: {} of {} steps within their limits", drill.id(), verdict.code(), score.met(), score.steps().size());
        });
    }

    private TimelineEvent ended(DrillRecord drill, DrillState verdict, JsonObject score, Instant now) {
        JsonObject payload = DrillService.eventPayload(drill).put("score", score).put("by", HUB);
        if (verdict == DrillState.ABANDONED) {
            payload.put("after", options.abandonAfter().toString());
        }
        return TimelineEvent.of(now, verdict == DrillState.SCORED ? EventKind.DRILL_SCORED : EventKind.DRILL_ABANDONED, drill.site(), drill.id(),
                verdict == DrillState.SCORED ? Severity.INFO : Severity.WARNING, payload);
    }
}

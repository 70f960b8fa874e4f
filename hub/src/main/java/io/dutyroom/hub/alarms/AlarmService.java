package io.dutyroom.hub.alarms;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.RegisteredDevice;
import io.dutyroom.hub.ingest.RuleFeed;
import io.dutyroom.hub.rules.ConditionChange;
import io.dutyroom.hub.rules.RuleEngine;
import io.dutyroom.hub.timeline.Timeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule engine and the alarm book on one event-loop context: readings and connectivity changes
 * come in from ingest, people's actions from the API, and every resulting change is written to the
 * {@code alarm} table together with its timeline event, in order. Callers on other threads get a
 * Future; the work runs on this verticle's context, so the book needs no locks.
 *
 * <p>Ingest waits for {@link #readings} before it acknowledges a message, so the alarm path is held
 * to the adapter's window of unfinished messages: its queue is bounded by the same bound.
 */
public final class AlarmService extends VerticleBase implements RuleFeed {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmService.class);
    private static final long TICK_MS = 1_000;
    /** Devices ticked per turn of the event loop: readings wait for one slice, not for the whole estate. */
    private static final int TICK_SLICE = 250;

    private final EstateRegistry registry;
    private final RuleEngine engine;
    private final AlarmBook book;
    private final AlarmStore store;
    private final Timeline timeline;
    private final WorkerExecutor db;
    private final Clock clock;
    private final Counter raised;
    private final Counter writeFailures;
    private long ticker = -1;
    private boolean ticking;
    private volatile Context home;
    private volatile AlarmListener listener = AlarmListener.NONE;

    public AlarmService(EstateRegistry registry, RuleEngine engine, AlarmBook book, AlarmStore store, Timeline timeline, WorkerExecutor db,
                        Clock clock, MeterRegistry metrics) {
        this.registry = registry;
        this.engine = engine;
        this.book = book;
        this.store = store;
        this.timeline = timeline;
        this.db = db;
        this.clock = clock;
        this.raised = Counter.builder("dutyroom.alarms.raised").description("alarms raised or raised again, drills included").register(metrics);
        this.writeFailures = Counter.builder("dutyroom.alarms.write.failures").description("alarm changes the database refused").register(metrics);
        FunctionCounter.builder("dutyroom.rules.evaluations", engine, RuleEngine::evaluations).description("rule evaluations").register(metrics);
        Gauge.builder("dutyroom.alarms.open", book, b -> b.openCount()).description("open alarms, all states").register(metrics);
    }

    /** Who hears of each announced alarm once it is durable; set before the service starts. */
    public void listen(AlarmListener listener) {
        this.listener = listener;
    }

    @Override
    public Future<?> start() {
        home = context;
        ticker = vertx.setPeriodic(TICK_MS, id -> {
            if (!ticking) { // a round still going when the next is due: that one is skipped, never queued
                ticking = true;
                tick(clock.instant(), 0);
            }
        });
        return Future.succeededFuture();
    }

    /** One slice of the periodic check, then the next slice on a later turn of the event loop. */
    private void tick(Instant now, int from) {
        boolean more = false;
        try {
            int to = from + TICK_SLICE;
            persist(engine.tick(now, from, to).stream().flatMap(c -> book.condition(c).stream()).toList());
            more = to < engine.deviceCount();
            if (more) {
                context.runOnContext(v -> tick(now, to));
            } else {
                persist(book.sweep(now));
            }
        } catch (RuntimeException e) {
            more = false;
            LOG.error("alarms: the periodic check failed; it runs again in {} ms", TICK_MS, e);
        } finally {
            if (!more) {
                ticking = false;
            }
        }
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(ticker);
        return Future.succeededFuture();
    }

    /** Durable readings of a device; the future completes once the rules have seen them. */
    @Override
    public Future<Void> readings(DeviceId device, List<Reading> readings, Optional<String> drill) {
        return on(() -> {
            Instant now = clock.instant();
            for (ConditionChange change : engine.readings(device, readings, now, drill)) {
                persist(book.condition(change));
            }
            return null;
        });
    }

    /** A device's connectivity changed. */
    @Override
    public Future<Void> connectivity(DeviceId device, boolean online, Instant at) {
        Optional<RegisteredDevice> registered = registry.device(device);
        if (registered.isEmpty()) {
            return Future.succeededFuture();
        }
        return on(() -> {
            persist(book.connectivity(registered.get(), online, at));
            return null;
        });
    }

    public Future<List<AlarmRecord>> open() {
        return on(book::open);
    }

    /** An alarm by id: open ones from the book, closed ones from the store. */
    public Future<Optional<AlarmRecord>> find(String id) {
        return on(() -> book.find(id)).compose(found -> found.isPresent() ? Future.succeededFuture(found)
                : db.executeBlocking(() -> store.find(id), false));
    }

    public Future<List<AlarmRecord>> history(String source, int limit) {
        return db.executeBlocking(() -> store.history(source, limit), false);
    }

    /**
     * A person's action on an alarm; empty when no open alarm has that id. The future completes once
     * the change is stored, so whoever asks next (the alarm, or the timeline) sees it.
     */
    public Future<Optional<AlarmBook.Outcome>> act(String id, AlarmInput input, JsonObject detail) {
        return stored(on(() -> book.act(id, input, clock.instant(), detail).map(o -> new Written<>(o, persist(o.changes())))));
    }

    public Future<Optional<AlarmBook.Outcome>> comment(String id, String user, String text) {
        return stored(on(() -> book.comment(id, user, text, clock.instant()).map(o -> new Written<>(o, persist(o.changes())))));
    }

    public Future<Void> removeFromService(DeviceId device, String user, String reason) {
        return on(() -> persist(book.removeFromService(device, user, reason, clock.instant()))).compose(written -> written);
    }

    public Future<Void> returnToService(DeviceId device, String user) {
        return on(() -> persist(book.returnToService(device, user, clock.instant()))).compose(written -> written);
    }

    /** An outcome and the writes that store it. */
    private record Written<T>(T outcome, Future<Void> written) {
    }

    private static <T> Future<Optional<T>> stored(Future<Optional<Written<T>>> acted) {
        return acted.compose(w -> w.isEmpty() ? Future.succeededFuture(Optional.<T>empty())
                : w.get().written().map(v -> Optional.of(w.get().outcome())));
    }

    public Future<Boolean> isOutOfService(DeviceId device) {
        return on(() -> book.isOutOfService(device));
    }

    public Future<List<FloodDetector.Flood>> floods() {
        return on(book::floods);
    }

    /**
     * Writes changes in order: an alarm row with its event in one transaction, or the row alone. The
     * future completes when all are stored; the readings path does not wait for it (see class doc).
     */
    private Future<Void> persist(List<AlarmChange> changes) {
        List<Future<?>> writes = new java.util.ArrayList<>();
        for (AlarmChange change : changes) {
            if (change.event().map(e -> e.kind().equals(AlarmEvents.RAISED) || e.kind().equals(AlarmEvents.REPEATED)).orElse(false)) {
                raised.increment();
            }
            Future<?> written;
            if (change.event().isPresent()) {
                written = timeline.append(change.event().get(), c -> {
                    if (change.alarm().isPresent()) {
                        AlarmStore.upsert(c, change.alarm().get());
                    }
                });
            } else if (change.alarm().isPresent()) {
                AlarmRecord alarm = change.alarm().get();
                written = db.executeBlocking(() -> {
                    try (var c = store.connection()) {
                        AlarmStore.upsert(c, alarm);
                    }
                    return null;
                }, true);
            } else {
                continue;
            }
            if (change.activation() && change.alarm().isPresent()) {
                AlarmRecord alarm = change.alarm().get();
                boolean fresh = change.event().map(e -> e.kind().equals(AlarmEvents.RAISED) || e.kind().equals(AlarmEvents.REPEATED)).orElse(false);
                written.onSuccess(x -> listener.announced(alarm, fresh));
            }
            written.onFailure(e -> {
                writeFailures.increment();
                LOG.error("alarms: a change of {} could not be stored: {}", change.alarm().map(AlarmRecord::id).orElse("a flood"), e.getMessage());
            });
            writes.add(written);
        }
        return Future.all(writes).mapEmpty();
    }

    /** Runs {@code work} on this verticle's context and hands its result back as a Future. */
    private <T> Future<T> on(Callable<T> work) {
        Context target = home;
        if (target == null) {
            return Future.failedFuture(new IllegalStateException("the alarm service is not running"));
        }
        Promise<T> promise = Promise.promise();
        target.runOnContext(v -> {
            try {
                promise.complete(work.call());
            } catch (Exception e) {
                LOG.error("alarms: {}", e.getMessage(), e);
                promise.fail(e);
            }
        });
        return promise.future();
    }
}

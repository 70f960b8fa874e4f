package io.dutyroom.hub.timeline;

import io.dutyroom.hub.storage.SqlErrors;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way onto the timeline: {@link #append} stores an event and then publishes it on the
 * live address, so the live feed shows exactly what was stored, in the order it was stored.
 */
public final class Timeline {
    /** Event-bus address of appended events, as JSON; local to this hub. */
    public static final String LIVE_ADDRESS = "timeline.live";
    private static final Logger LOG = LoggerFactory.getLogger(Timeline.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Vertx vertx;
    private final WorkerExecutor db;
    private final TimelineStore store;
    private final Placement placement;
    private volatile boolean closed;

    public Timeline(Vertx vertx, WorkerExecutor db, DataSource dataSource) {
        this(vertx, db, dataSource, Placement.NONE);
    }

    public Timeline(Vertx vertx, WorkerExecutor db, DataSource dataSource, Placement placement) {
        this.vertx = vertx;
        this.db = db;
        this.store = new TimelineStore(dataSource);
        this.placement = placement;
    }

    /** The event with its subject's building and floor in the payload, when it names none. */
    private TimelineEvent placed(TimelineEvent event) {
        if (event.subject() == null || event.payload().getValue("building") != null) {
            return event;
        }
        return placement.of(event.subject()).map(place -> {
            JsonObject payload = event.payload().copy().put("building", place.building());
            if (place.floor() != null) {
                payload.put("floor", place.floor());
            }
            return new TimelineEvent(event.id(), event.ts(), event.kind(), event.site(), event.subject(), event.severity(), payload);
        }).orElse(event);
    }

    /**
     * Stores the event, then publishes it live. A passing database failure is retried with capped
     * back-off (an event of the duty room is not dropped because the database blinked); the future
     * fails only for an event the database refuses, or when the hub stops.
     */
    public Future<TimelineEvent> append(TimelineEvent event) {
        return append(event, TimelineStore.Alongside.NOTHING);
    }

    /**
     * Stores the event together with {@code alongside}, in one transaction, then publishes it live:
     * the state a service keeps of its objects (an alarm, a work order) never disagrees with the
     * timeline that tells their story. Retried like {@link #append(TimelineEvent)}.
     */
    public Future<TimelineEvent> append(TimelineEvent event, TimelineStore.Alongside alongside) {
        Promise<TimelineEvent> appended = Promise.promise();
        attempt(event, alongside, appended, 100);
        return appended.future().onSuccess(stored -> vertx.eventBus().publish(LIVE_ADDRESS, stored.toJson()));
    }

    /**
     * Runs {@code work} in one transaction on a database worker: a service reads and changes its own
     * rows and appends the events that tell of it; once committed, the events go live in order.
     * A passing database failure runs the work again from the start (the rolled-back attempt left
     * nothing behind), with capped back-off; a refusal or a bug fails the future.
     */
    public <T> Future<T> transact(TimelineStore.Transaction<T> work) {
        Promise<TimelineStore.Committed<T>> committed = Promise.promise();
        attemptTransaction(work, committed, 100);
        return committed.future().map(done -> {
            done.events().forEach(e -> vertx.eventBus().publish(LIVE_ADDRESS, e.toJson()));
            return done.result();
        });
    }

    private <T> void attemptTransaction(TimelineStore.Transaction<T> work, Promise<TimelineStore.Committed<T>> committed, long backoffMs) {
        db.executeBlocking(() -> store.transaction(work, this::placed), false).onComplete(result -> {
            if (result.succeeded()) {
                committed.complete(result.result());
            } else if (SqlErrors.isTransient(result.cause()) && !closed) {
                LOG.warn("timeline: a transaction did not commit ({}); running it again in {} ms", result.cause().getMessage(), backoffMs);
                vertx.setTimer(backoffMs, id -> attemptTransaction(work, committed, Math.min(backoffMs * 2, MAX_BACKOFF_MS)));
            } else {
                committed.fail(result.cause());
            }
        });
    }

    private void attempt(TimelineEvent event, TimelineStore.Alongside alongside, Promise<TimelineEvent> appended, long backoffMs) {
        db.executeBlocking(() -> store.insert(placed(event), alongside), true).onComplete(result -> {
            if (result.succeeded()) {
                appended.complete(result.result());
            } else if (SqlErrors.isTransient(result.cause()) && !closed) {
                LOG.warn("timeline: {} not stored yet ({}); retrying in {} ms", event.kind(), result.cause().getMessage(), backoffMs);
                vertx.setTimer(backoffMs, id -> attempt(event, alongside, appended, Math.min(backoffMs * 2, MAX_BACKOFF_MS)));
            } else {
                LOG.error("timeline: {} of {} could not be stored: {}", event.kind(), event.subject(), result.cause().getMessage());
                appended.fail(result.cause());
            }
        });
    }

    /** Stops retrying appends; for shutdown. */
    public void close() {
        closed = true;
    }

    public Future<TimelinePage> page(TimelineQuery query) {
        return db.executeBlocking(() -> store.page(query), false);
    }

    /**
     * "What happened around here": the events on the same subject or in the same building as the
     * anchor, from {@code before} it to {@code after} it, oldest first. Empty when there is no anchor.
     */
    public Future<java.util.Optional<TimelineStore.Around>> around(TimelineStore.Anchor anchor, java.time.Duration before,
                                                                   java.time.Duration after, int limit) {
        return db.executeBlocking(() -> store.around(anchor, before, after, limit), false);
    }

    /** The newest event per subject among {@code kinds}. Blocking; for start-up only. */
    public List<TimelineEvent> latestPerSubjectBlocking(List<String> kinds) throws SQLException {
        return store.latestPerSubject(kinds);
    }
}

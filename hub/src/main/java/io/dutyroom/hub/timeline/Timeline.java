package io.dutyroom.hub.timeline;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The one way onto the timeline: {@link #append} stores an event and then publishes it on the
 * live address, so the live feed shows exactly what was stored, in the order it was stored.
 */
public final class Timeline {
    /** Event-bus address of appended events, as JSON; local to this hub. */
    public static final String LIVE_ADDRESS = "timeline.live";

    private final Vertx vertx;
    private final WorkerExecutor db;
    private final TimelineStore store;

    public Timeline(Vertx vertx, WorkerExecutor db, DataSource dataSource) {
        this.vertx = vertx;
        this.db = db;
        this.store = new TimelineStore(dataSource);
    }

    public Future<TimelineEvent> append(TimelineEvent event) {
        return db.executeBlocking(() -> store.insert(event), true)
                .onSuccess(stored -> vertx.eventBus().publish(LIVE_ADDRESS, stored.toJson()));
    }

    public Future<TimelinePage> page(TimelineQuery query) {
        return db.executeBlocking(() -> store.page(query), false);
    }

    /** The newest event per subject among {@code kinds}. Blocking; for start-up only. */
    public List<TimelineEvent> latestPerSubjectBlocking(List<String> kinds) throws SQLException {
        return store.latestPerSubject(kinds);
    }
}

package io.dutyroom.hub.http;

import io.dutyroom.hub.auth.Access;
import io.dutyroom.hub.auth.SessionUser;
import io.dutyroom.hub.auth.Sessions;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the session of an open live stream fresh, and ends the stream when its session ends. A
 * stream is one long request: the gate ({@link AuthHandler}) sees it once, when it opens. Without
 * this, a wall screen that only listens would be idle to the hub and logged out after
 * {@code auth.idleTimeout}, so that the next alarm's reload is refused; and a stream would go on
 * after a log-out. So while a stream is open its session is looked up again on a database worker
 * every {@link io.dutyroom.hub.auth.SessionPolicy#recheckEvery()} ({@link Sessions#find} records
 * the activity when due). Once the session has ended (logged out, past its absolute lifetime, user
 * disabled) or no longer allows the stream, the stream gets {@value #ENDED} with the error the API
 * would answer, and ends. The absolute lifetime still ends every session: listening does not carry a
 * log-in into the next shift.
 *
 * <p>With log-in off there are no sessions, and nothing to keep.
 */
final class SessionKeeper {
    /** The last event of a stream whose session has ended: the screen asks for a log-in instead of reconnecting. */
    static final String ENDED = "session-ended";
    private static final Logger LOG = LoggerFactory.getLogger(SessionKeeper.class);

    private final Vertx vertx;
    private final Optional<Sessions> sessions;
    private final WorkerExecutor db;

    SessionKeeper(Vertx vertx, Optional<Sessions> sessions, WorkerExecutor db) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.db = db;
    }

    /** Keeps the session of the request behind {@code stream} until the stream closes; call on the request's event loop. */
    void keep(RoutingContext ctx, EventStream stream, StreamMeters meters) {
        Optional<String> token = AuthHandler.token(ctx.request());
        if (sessions.isEmpty() || token.isEmpty()) {
            return;
        }
        Check check = new Check(sessions.get(), token.get(), ctx.request().method().name(), ctx.normalizedPath(), stream, meters);
        long timer = vertx.setPeriodic(sessions.get().policy().recheckEvery().toMillis(), id -> check.run());
        stream.onClose(() -> vertx.cancelTimer(timer));
    }

    /** The re-checks of one stream. */
    private final class Check {
        private final Sessions sessions;
        private final String token;
        private final String method;
        private final String path;
        private final EventStream stream;
        private final StreamMeters meters;
        /** One lookup at a time: a slow database must not pile them up on the workers. */
        private boolean running;

        Check(Sessions sessions, String token, String method, String path, EventStream stream, StreamMeters meters) {
            this.sessions = sessions;
            this.token = token;
            this.method = method;
            this.path = path;
            this.stream = stream;
            this.meters = meters;
        }

        void run() {
            if (running || stream.isClosed()) {
                return;
            }
            running = true;
            db.executeBlocking(() -> sessions.find(token), false).onComplete(found -> {
                running = false;
                if (stream.isClosed()) {
                    return;
                }
                if (found.failed()) {
                    // the database is away: the stream goes on, as the screen's other requests would
                    // fail anyway; the next check decides
                    LOG.debug("re-checking a live stream's session failed: {}", found.cause().getMessage());
                    return;
                }
                refusal(found.result()).ifPresent(error -> {
                    meters.sessionEnded();
                    stream.end(ENDED, error.encode());
                });
            });
        }

        /** The error the gate would answer this stream's request now; empty while it may go on. */
        private Optional<JsonObject> refusal(Optional<SessionUser> user) {
            if (user.isEmpty()) {
                return Optional.of(ApiException.unauthenticated(AuthHandler.SESSION_ENDED).toJson());
            }
            return Access.check(user.get(), method, path).map(r -> ApiException.forbidden(r.code(), r.message()).toJson());
        }
    }
}

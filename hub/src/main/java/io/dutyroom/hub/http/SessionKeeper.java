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
 * Ends an open live stream when its session ends, and keeps the session of a wall screen's stream
 * fresh. A stream is one long request: the gate ({@link AuthHandler}) sees it once, when it opens,
 * so without this a stream would go on after a log-out. While a stream is open its session is
 * looked up again on a database worker every {@link io.dutyroom.hub.auth.SessionPolicy#recheckEvery()}.
 * A stream asked with {@value #KEEP_SESSION}{@code =true} (the screen's "wall screen" choice at
 * log-in) counts as activity ({@link Sessions#find} records it when due): a wall screen that only
 * listens would otherwise be idle to the hub and logged out after {@code auth.idleTimeout}, and the
 * next alarm's reload refused. Any other stream only checks ({@link Sessions#check}), so an open tab
 * on a forgotten desk still ends with the idle timeout. Once the session has ended (logged out, past its absolute lifetime, user
 * disabled) or no longer allows the stream, the stream gets {@value #ENDED} with the error the API
 * would answer, and ends. The absolute lifetime still ends every session: listening does not carry a
 * log-in into the next shift.
 *
 * <p>With log-in off there are no sessions, and nothing to keep.
 */
final class SessionKeeper {
    /** The last event of a stream whose session has ended: the screen asks for a log-in instead of reconnecting. */
    static final String ENDED = "session-ended";
    /** The query parameter of a stream whose open connection keeps its session: {@code true} or {@code false}. */
    static final String KEEP_SESSION = "keepSession";
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
    void keep(RoutingContext ctx, EventStream stream, StreamMeters meters, boolean keepAlive) {
        Optional<String> token = AuthHandler.token(ctx.request());
        if (sessions.isEmpty() || token.isEmpty()) {
            return;
        }
        Check check = new Check(sessions.get(), token.get(), keepAlive, ctx.request().method().name(), ctx.normalizedPath(), stream, meters);
        long timer = vertx.setPeriodic(sessions.get().policy().recheckEvery().toMillis(), id -> check.run());
        stream.onClose(() -> vertx.cancelTimer(timer));
    }

    /**
     * Whether the stream asked to keep its session ({@value #KEEP_SESSION}); a value other than true
     * or false is refused (400). Read it before the stream opens, while an error can still be answered.
     */
    static boolean keepsSession(RoutingContext ctx) {
        return switch (ctx.request().getParam(KEEP_SESSION, "false")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badParameter(KEEP_SESSION, "must be true or false, was '" + ctx.request().getParam(KEEP_SESSION) + "'");
        };
    }

    /** The re-checks of one stream. */
    private final class Check {
        private final Sessions sessions;
        private final String token;
        private final boolean keepAlive;
        private final String method;
        private final String path;
        private final EventStream stream;
        private final StreamMeters meters;
        /** One lookup at a time: a slow database must not pile them up on the workers. */
        private boolean running;

        Check(Sessions sessions, String token, boolean keepAlive, String method, String path, EventStream stream, StreamMeters meters) {
            this.sessions = sessions;
            this.token = token;
            this.keepAlive = keepAlive;
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
            db.executeBlocking(() -> keepAlive ? sessions.find(token) : sessions.check(token), false).onComplete(found -> {
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

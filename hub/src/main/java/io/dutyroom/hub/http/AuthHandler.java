package io.dutyroom.hub.http;

import io.dutyroom.hub.auth.Access;
import io.dutyroom.hub.auth.SessionUser;
import io.dutyroom.hub.auth.Sessions;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The gate in front of {@code /api/**} when log-in is on: every request needs a live session, except
 * logging in ({@code POST /api/v1/session}); {@code /health}, {@code /metrics} and the dashboard's
 * static files are outside {@code /api} and stay open. The session's user goes into the routing
 * context ({@link SessionUser#KEY}), where {@link Body#user()} finds it, and the role is checked
 * ({@link Access}) before any route runs.
 *
 * <p>The session is looked up on a database worker; the request is paused meanwhile, so that its
 * body waits for the route's body handler instead of being lost.
 */
final class AuthHandler implements Handler<RoutingContext> {
    static final String COOKIE = "dutyroom_session";
    /** Why a request with a token is refused: the session is gone, whichever way it went. */
    static final String SESSION_ENDED = "your session has ended (logged out, expired, or idle too long); log in again";

    private final Sessions sessions;
    private final WorkerExecutor db;

    AuthHandler(Sessions sessions, WorkerExecutor db) {
        this.sessions = sessions;
        this.db = db;
    }

    /** Mounts the gate; call before any API route, so it runs first. */
    void mount(Router router) {
        router.route("/api/*").handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method() == HttpMethod.POST && trimmed(ctx.normalizedPath()).equals(AuthRoutes.SESSION)) {
            ctx.next(); // logging in: the one API request without a session
            return;
        }
        Optional<String> token = token(request);
        if (token.isEmpty()) {
            throw ApiException.unauthenticated("log in first: POST " + AuthRoutes.SESSION + " with {\"username\", \"password\"}");
        }
        if (!request.isEnded()) {
            request.pause();
        }
        db.executeBlocking(() -> sessions.find(token.get()), false).onComplete(found -> {
            if (!request.isEnded()) {
                request.resume();
            }
            if (found.failed()) {
                ctx.fail(found.cause());
                return;
            }
            if (found.result().isEmpty()) {
                AuthRoutes.clearCookie(ctx);
                ctx.fail(ApiException.unauthenticated(SESSION_ENDED));
                return;
            }
            SessionUser user = found.result().get();
            Optional<Access.Refusal> refusal = Access.check(user, request.method().name(), ctx.normalizedPath());
            if (refusal.isPresent()) {
                ctx.fail(ApiException.forbidden(refusal.get().code(), refusal.get().message()));
                return;
            }
            ctx.put(SessionUser.KEY, user);
            ctx.next();
        });
    }

    /**
     * The session token: the browser's cookie, or {@code Authorization: Bearer <token>} for scripts
     * (the token from the log-in's cookie), which carry no cookies.
     */
    static Optional<String> token(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip()).filter(t -> !t.isEmpty());
        }
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    static String trimmed(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

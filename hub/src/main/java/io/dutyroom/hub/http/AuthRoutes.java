package io.dutyroom.hub.http;

import io.dutyroom.hub.auth.AuthEvents;
import io.dutyroom.hub.auth.Authenticator;
import io.dutyroom.hub.auth.PasswordHasher;
import io.dutyroom.hub.auth.Role;
import io.dutyroom.hub.auth.SessionThrottle;
import io.dutyroom.hub.auth.SessionUser;
import io.dutyroom.hub.auth.Sessions;
import io.dutyroom.hub.auth.User;
import io.dutyroom.hub.auth.UserRules;
import io.dutyroom.hub.auth.UserStore;
import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.Timeline;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log-in and users: {@code /api/v1/session} (log in, who am I, log out) and {@code /api/v1/users}
 * (list and add users, set a password). Mounted behind {@link AuthHandler}, which has already found
 * the session and checked the role for everything but the log-in itself.
 *
 * <p>Password hashing runs on its own small worker pool, so a burst of log-ins cannot take the
 * database workers from the rest of the API.
 */
final class AuthRoutes {
    static final String SESSION = "/api/v1/session";
    static final String USERS = "/api/v1/users";
    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);

    /** What the log-in routes need. */
    record Parts(Sessions sessions, UserStore users, Authenticator authenticator, SessionThrottle throttle, WorkerExecutor hashing) {
    }

    private final Parts parts;
    private final Timeline timeline;
    private final WorkerExecutor db;
    private final Clock clock;
    private final Counter loggedIn;
    private final Counter failed;
    private final Counter throttled;

    AuthRoutes(Parts parts, Timeline timeline, WorkerExecutor db, Clock clock, MeterRegistry metrics) {
        this.parts = parts;
        this.timeline = timeline;
        this.db = db;
        this.clock = clock;
        this.loggedIn = logins(metrics, "ok");
        this.failed = logins(metrics, "failed");
        this.throttled = logins(metrics, "throttled");
    }

    private static Counter logins(MeterRegistry metrics, String outcome) {
        return Counter.builder("dutyroom.auth.logins").tag("outcome", outcome)
                .description("Log-in attempts: ok, failed (bad credentials) or throttled (refused for too many failures)").register(metrics);
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(4 * 1024);
        router.post(SESSION).handler(body).handler(this::login);
        router.get(SESSION).handler(this::whoAmI);
        router.delete(SESSION).handler(this::logout);
        router.post(SESSION + "/logout").handler(body).handler(this::logout);
        router.get(USERS).handler(this::listUsers);
        router.post(USERS).handler(body).handler(this::createUser);
        router.post(USERS + "/:name/password").handler(body).handler(this::setPassword);
    }

    /** With log-in off, its endpoints say so instead of a bare 404. */
    static void mountOff(Router router) {
        router.route(SESSION + "*").handler(ctx -> {
            throw ApiException.notFound("log-in is off on this hub (auth.enabled: false; loopback only): actions name their \"user\" in the body");
        });
        router.route(USERS + "*").handler(ctx -> {
            throw ApiException.notFound("log-in is off on this hub (auth.enabled: false): there are no users to manage");
        });
    }

    private void login(RoutingContext ctx) {
        Body b = new Body(ctx, Set.of("username", "password"));
        String username = UserRules.normalize(b.required("username"));
        String password = b.secret("password", PasswordHasher.MAX_PASSWORD_CHARS);
        // a username longer than any allowed is nobody's: it is checked (and fails) like any other,
        // and is cut short only as the throttle's key, which must stay small
        String key = username.length() > 64 ? username.substring(0, 64) : username;
        String address = address(ctx);
        Instant at = clock.instant();
        Optional<Duration> wait = parts.throttle().attempt(key, address, at);
        if (wait.isPresent()) {
            throttled.increment();
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", String.valueOf(seconds));
            throw ApiException.tooManyRequests("too many failed log-ins; try again in " + seconds + " s");
        }
        parts.hashing().executeBlocking(() -> {
            Optional<User> user = parts.authenticator().check(username, password);
            return user.isEmpty() ? Optional.<LoggedIn>empty() : Optional.of(new LoggedIn(user.get(), parts.sessions().open(user.get())));
        }, false).compose(result -> {
            if (result.isEmpty()) {
                failed.increment();
                // the name as typed only when it could be one: no line breaks or other tricks into the log
                LOG.warn("failed log-in as {} from {}", UserRules.checkUsername(key).isEmpty() ? "'" + key + "'" : "an impossible username", address);
                return Future.<JsonObject>failedFuture(ApiException.badCredentials());
            }
            loggedIn.increment();
            parts.throttle().succeeded(key, address, at);
            User user = result.get().user();
            Sessions.Opened opened = result.get().opened();
            SessionUser session = new SessionUser(user.username(), user.displayName(), user.role(), user.mustChange(),
                    opened.session().tokenHash(), opened.session().expiresAt());
            return audit(AuthEvents.LOGGED_IN, user.username(), new JsonObject().put("by", user.username()).put("role", user.role().code())
                    .put("address", address)).map(v -> {
                        setCookie(ctx, opened.token());
                        return session.toJson();
                    });
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    private record LoggedIn(User user, Sessions.Opened opened) {
    }

    private void whoAmI(RoutingContext ctx) {
        new Params(ctx, Set.of());
        Json.ok(ctx, ctx.<SessionUser>get(SessionUser.KEY).toJson());
    }

    private void logout(RoutingContext ctx) {
        SessionUser user = ctx.get(SessionUser.KEY);
        db.executeBlocking(() -> parts.sessions().end(user.tokenHash()), false)
                .compose(ended -> audit(AuthEvents.LOGGED_OUT, user.username(), new JsonObject().put("by", user.username())))
                .onSuccess(v -> {
                    clearCookie(ctx);
                    Json.ok(ctx, new JsonObject().put("loggedOut", true));
                }).onFailure(ctx::fail);
    }

    private void listUsers(RoutingContext ctx) {
        new Params(ctx, Set.of());
        db.executeBlocking(() -> parts.users().list(), false).map(list -> {
            JsonArray users = new JsonArray();
            list.forEach(u -> users.add(u.toJson()));
            return new JsonObject().put("users", users);
        }).onSuccess(json -> Json.ok(ctx, json)).onFailure(ctx::fail);
    }

    /** An admin adds a user with a role and a first password, which the user must change at first log-in. */
    private void createUser(RoutingContext ctx) {
        SessionUser admin = ctx.get(SessionUser.KEY);
        Body b = new Body(ctx, Set.of("username", "displayName", "role", "password"));
        String username = UserRules.normalize(b.required("username"));
        UserRules.checkUsername(username).ifPresent(problem -> {
            throw ApiException.badBody("username", problem);
        });
        String displayName = b.required("displayName");
        UserRules.checkDisplayName(displayName).ifPresent(problem -> {
            throw ApiException.badBody("displayName", problem);
        });
        String roleCode = b.required("role");
        Role role = Role.ofCode(roleCode).orElseThrow(() -> ApiException.badBody("role",
                "must be one of duty-engineer, supervisor, desk, admin; was '" + roleCode + "'"));
        String password = b.secret("password", PasswordHasher.MAX_PASSWORD_CHARS);
        UserRules.checkPassword(password, username).ifPresent(problem -> {
            throw ApiException.badBody("password", problem);
        });
        parts.hashing().executeBlocking(() -> {
            User user = new User(username, displayName, role, parts.authenticator().hash(password), true, clock.instant(), false);
            if (!parts.users().create(user)) {
                throw ApiException.conflict("there is already a user '" + username + "'");
            }
            return user;
        }, false).compose(user -> audit(AuthEvents.USER_CREATED, username, new JsonObject().put("by", admin.username())
                        .put("role", role.code()).put("name", displayName)).map(v -> user))
                .onSuccess(user -> Json.send(ctx, 201, user.toJson())).onFailure(ctx::fail);
    }

    /**
     * A user sets their own password (giving the current one, so that a session left open is not
     * enough to take over the account); an admin sets anyone else's, which that user must then
     * change. Either way the user's other sessions end.
     */
    private void setPassword(RoutingContext ctx) {
        SessionUser me = ctx.get(SessionUser.KEY);
        String name = UserRules.normalize(ctx.pathParam("name"));
        boolean self = name.equals(me.username());
        if (!self && me.role() != Role.ADMIN) {
            throw ApiException.forbidden("forbidden", "only an admin sets another user's password");
        }
        Body b = new Body(ctx, self ? Set.of("password", "currentPassword") : Set.of("password"));
        String current = self ? b.secret("currentPassword", PasswordHasher.MAX_PASSWORD_CHARS) : null;
        String password = b.secret("password", PasswordHasher.MAX_PASSWORD_CHARS);
        UserRules.checkPassword(password, name).ifPresent(problem -> {
            throw ApiException.badBody("password", problem);
        });
        if (self && password.equals(current)) {
            throw ApiException.badBody("password", "must differ from the current one");
        }
        String address = address(ctx);
        Instant at = clock.instant();
        if (self) {
            // guessing the current password through an open session is throttled like log-in
            Optional<Duration> wait = parts.throttle().attempt(me.username(), address, at);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                ctx.response().putHeader("Retry-After", String.valueOf(seconds));
                throw ApiException.tooManyRequests("too many wrong passwords; try again in " + seconds + " s");
            }
        }
        parts.hashing().executeBlocking(() -> {
            User user = parts.users().find(name).orElseThrow(() -> ApiException.notFound("no user " + name));
            if (self) {
                if (!parts.authenticator().matches(user, current)) {
                    throw ApiException.forbidden("wrong_password", "currentPassword: is not your current password");
                }
                parts.throttle().succeeded(me.username(), address, at);
            }
            parts.users().setPassword(name, parts.authenticator().hash(password), !self);
            parts.sessions().endOthers(name, self ? me.tokenHash() : null);
            return user;
        }, false).compose(user -> audit(AuthEvents.PASSWORD_CHANGED, name, new JsonObject().put("by", me.username())
                        .put("mustChange", !self)).map(v -> user))
                .onSuccess(user -> Json.ok(ctx, new JsonObject().put("username", name).put("mustChange", !self)))
                .onFailure(ctx::fail);
    }

    /** On the timeline, the duty room's audit trail; about the user ({@code subject}), at no site. */
    private Future<Void> audit(String kind, String username, JsonObject payload) {
        return timeline.append(TimelineEvent.of(clock.instant(), kind, null, username, Severity.INFO, payload)).mapEmpty();
    }

    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    /**
     * The session cookie: HttpOnly (page scripts cannot read it), SameSite=Strict (other sites'
     * pages cannot make the browser send it, so no cross-site request forgery), Secure when the
     * request came over TLS. No Max-Age: the browser forgets it when it closes; the server ends the
     * session at its expiry regardless.
     */
    static void setCookie(RoutingContext ctx, String token) {
        ctx.response().addCookie(Cookie.cookie(AuthHandler.COOKIE, token).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(ctx.request().isSSL()));
    }

    static void clearCookie(RoutingContext ctx) {
        ctx.response().addCookie(Cookie.cookie(AuthHandler.COOKIE, "").setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(ctx.request().isSSL()).setMaxAge(0));
    }
}

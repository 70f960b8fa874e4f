package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.hub.auth.UserBootstrap;
import io.dutyroom.hub.embedded.StartupException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Log-in as an operator meets it: the first admin's one-time password, sessions by cookie (and
 * bearer token), the session's user on every action whatever the body says, roles, the throttle on
 * guessing, log-out, idle expiry across a restart, and the loopback rule.
 */
class AuthIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SESSION_COOKIE = Pattern.compile("dutyroom_session=([^;]*)");

    @Test
    void theApiAsksForALogInAndActsAsTheSessionsUser() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_ENABLED", "true").start()) {
            // a hub without users makes its first admin, with a password shown once
            List<UserBootstrap.Credential> once = hub.hub().oneTimeCredentials();
            assertThat(once).hasSize(1);
            assertThat(once.get(0).username()).isEqualTo("admin");
            assertThat(once.get(0).mustChange()).isTrue();

            // nothing under /api without a session; health and metrics stay open
            HttpResponse<String> anonymous = send(hub, "GET", "/api/v1/alarms", null, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(error(anonymous)).isEqualTo("unauthenticated");
            assertThat(send(hub, "GET", "/api/v1/session", null, null).statusCode()).isEqualTo(401);
            assertThat(send(hub, "GET", "/api/v1/alarms", null, "not-a-token").statusCode()).isEqualTo(401);
            assertThat(hub.get("/health").statusCode()).isEqualTo(200);
            assertThat(hub.get("/metrics").statusCode()).isEqualTo(200);

            // the first admin logs in, and must choose a password before anything else
            HttpResponse<String> adminLogIn = logIn(hub, "admin", once.get(0).password());
            assertThat(adminLogIn.statusCode()).as(adminLogIn.body()).isEqualTo(200);
            JsonObject me = new JsonObject(adminLogIn.body());
            assertThat(me.getString("username")).isEqualTo("admin");
            assertThat(me.getString("role")).isEqualTo("admin");
            assertThat(me.getBoolean("mustChange")).isTrue();
            assertThat(me.getString("expiresAt")).isNotBlank();
            String setCookie = adminLogIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/")
                    .as("plain HTTP: not Secure").doesNotContain("Secure;").doesNotEndWith("Secure");
            String admin = token(adminLogIn);
            HttpResponse<String> notYet = send(hub, "GET", "/api/v1/alarms", null, admin);
            assertThat(notYet.statusCode()).isEqualTo(403);
            assertThat(error(notYet)).isEqualTo("password_change_required");
            assertThat(send(hub, "POST", "/api/v1/users/admin/password", new JsonObject().put("currentPassword", "wrong one, sorry")
                    .put("password", "admin's own passphrase"), admin).statusCode()).isEqualTo(403);
            assertThat(send(hub, "POST", "/api/v1/users/admin/password", new JsonObject().put("currentPassword", once.get(0).password())
                    .put("password", "admin's own passphrase"), admin).statusCode()).isEqualTo(200);
            assertThat(send(hub, "GET", "/api/v1/alarms", null, admin).statusCode()).isEqualTo(200);

            // the admin adds an engineer and a desk clerk, who must choose their own passwords too
            HttpResponse<String> created = send(hub, "POST", "/api/v1/users", new JsonObject().put("username", "Wang.Wei")
                    .put("displayName", "王伟").put("role", "duty-engineer").put("password", "first password 1"), admin);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(new JsonObject(created.body()).getString("username")).isEqualTo("wang.wei");
            assertThat(created.body()).doesNotContain("pbkdf2").doesNotContain("first password");
            assertThat(send(hub, "POST", "/api/v1/users", new JsonObject().put("username", "chen.jing").put("displayName", "陈静")
                    .put("role", "desk").put("password", "desk first password"), admin).statusCode()).isEqualTo(201);
            assertThat(send(hub, "POST", "/api/v1/users", new JsonObject().put("username", "wang.wei").put("displayName", "x")
                    .put("role", "desk").put("password", "another password"), admin).statusCode()).isEqualTo(409);
            assertThat(send(hub, "POST", "/api/v1/users", new JsonObject().put("username", "li.na").put("displayName", "李娜")
                    .put("role", "janitor").put("password", "another password"), admin).statusCode()).isEqualTo(400);
            JsonArray users = new JsonObject(send(hub, "GET", "/api/v1/users", null, admin).body()).getJsonArray("users");
            assertThat(users.stream().map(u -> ((JsonObject) u).getString("username"))).containsExactly("admin", "chen.jing", "wang.wei");
            assertThat(hub.count("SELECT count(*) FROM app_user WHERE password_hash LIKE 'pbkdf2-sha256$600000$%'")).isEqualTo(3);

            String engineer = token(logIn(hub, "wang.wei", "first password 1"));
            assertThat(send(hub, "POST", "/api/v1/users/wang.wei/password", new JsonObject().put("currentPassword", "first password 1")
                    .put("password", "engineer's passphrase"), engineer).statusCode()).isEqualTo(200);

            // the session's cookie reads the API, and acts as its user
            HttpResponse<String> alarms = send(hub, "GET", "/api/v1/alarms", null, engineer);
            assertThat(alarms.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(alarms.body()).getJsonArray("alarms")).isNotNull();
            HttpResponse<String> order = send(hub, "POST", "/api/v1/work-orders", new JsonObject().put("site", "estate-a")
                    .put("source", "B2 car park ramp").put("summary", "坡道排水沟堵塞 / ramp drain blocked"), engineer);
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
            String id = new JsonObject(order.body()).getString("id");
            HttpResponse<String> impostor = send(hub, "POST", "/api/v1/work-orders/" + id + "/comments",
                    new JsonObject().put("user", "li.na").put("text", "signed by someone else"), engineer);
            assertThat(impostor.statusCode()).as("nobody acts in another's name").isEqualTo(400);
            assertThat(impostor.body()).contains("wang.wei");
            assertThat(send(hub, "POST", "/api/v1/work-orders/" + id + "/comments",
                    new JsonObject().put("user", "wang.wei").put("text", "naming myself is fine"), engineer).statusCode()).isEqualTo(201);
            assertThat(send(hub, "POST", "/api/v1/work-orders/" + id + "/comments",
                    new JsonObject().put("text", "on my way"), engineer).statusCode()).isEqualTo(201);
            JsonArray events = new JsonObject(send(hub, "GET", "/api/v1/timeline?limit=200", null, engineer).body()).getJsonArray("events");
            // the person's own steps; the hub's (dispatching, say) are by the hub
            List<JsonObject> story = events.stream().map(JsonObject.class::cast)
                    .filter(e -> id.equals(e.getJsonObject("payload").getString("workOrderId")))
                    .filter(e -> List.of("workorder.created", "workorder.commented").contains(e.getString("kind"))).toList();
            assertThat(story).extracting(e -> e.getString("kind")).contains("workorder.created", "workorder.commented");
            assertThat(story).allSatisfy(e -> assertThat(e.getJsonObject("payload").getString("by")).as(e.encode()).isEqualTo("wang.wei"));
            assertThat(story.stream().filter(e -> e.getString("kind").equals("workorder.commented"))).hasSize(2);
            assertThat(events.stream().map(JsonObject.class::cast).filter(e -> e.getString("kind").equals("auth.logged-in"))
                    .map(e -> e.getString("subject"))).contains("admin", "wang.wei");

            // roles: an engineer neither changes complaints nor manages users
            HttpResponse<String> complaint = send(hub, "POST", "/api/v1/complaints", new JsonObject().put("site", "estate-a")
                    .put("unit", "1-1203").put("channel", "phone").put("summary", "no water"), engineer);
            assertThat(complaint.statusCode()).isEqualTo(403);
            assertThat(error(complaint)).isEqualTo("forbidden");
            assertThat(send(hub, "GET", "/api/v1/complaints", null, engineer).statusCode()).isEqualTo(200);
            assertThat(send(hub, "GET", "/api/v1/users", null, engineer).statusCode()).isEqualTo(403);

            // a wrong password and an unknown user get the same answer
            HttpResponse<String> wrong = logIn(hub, "wang.wei", "not my password");
            HttpResponse<String> nobody = logIn(hub, "no.such.user", "not my password");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(nobody.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).isEqualTo(nobody.body()).contains("bad_credentials");

            // guessing: five failures a minute per username, then 429 even for the right password
            for (int i = 1; i <= 5; i++) {
                assertThat(logIn(hub, "chen.jing", "guess " + i).statusCode()).as("guess " + i).isEqualTo(401);
            }
            HttpResponse<String> sixth = logIn(hub, "chen.jing", "guess 6");
            assertThat(sixth.statusCode()).isEqualTo(429);
            assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
            assertThat(logIn(hub, "chen.jing", "desk first password").statusCode()).isEqualTo(429);
            assertThat(logIn(hub, "wang.wei", "engineer's passphrase").statusCode()).as("other users are not locked out").isEqualTo(200);

            // scripts may send the token as a bearer token instead of the cookie
            HttpRequest bearer = HttpRequest.newBuilder(URI.create(hub.hub().httpUrl() + "/api/v1/session"))
                    .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(10)).build();
            assertThat(HTTP.send(bearer, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            // log-out ends the session for good
            HttpResponse<String> out = send(hub, "POST", "/api/v1/session/logout", new JsonObject(), engineer);
            assertThat(out.statusCode()).isEqualTo(200);
            assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("dutyroom_session=;").contains("Max-Age=0");
            assertThat(send(hub, "GET", "/api/v1/session", null, engineer).statusCode()).isEqualTo(401);
            assertThat(send(hub, "DELETE", "/api/v1/session", null, admin).statusCode()).isEqualTo(200);
            assertThat(send(hub, "GET", "/api/v1/alarms", null, admin).statusCode()).isEqualTo(401);
            assertThat(hub.count("SELECT count(*) FROM app_session WHERE username = 'admin'")).isZero();

            // sessions outlive a restart, but not their idle timeout
            String before = token(logIn(hub, "admin", "admin's own passphrase"));
            hub.stop();
            hub.with("DUTYROOM_AUTH_IDLE_TIMEOUT", "1s").start();
            assertThat(hub.hub().oneTimeCredentials()).as("users exist: no new admin").isEmpty();
            String brief = token(logIn(hub, "admin", "admin's own passphrase"));
            assertThat(send(hub, "GET", "/api/v1/session", null, brief).statusCode()).isEqualTo(200);
            // no request meanwhile (any would count as activity): wait, in the database, until the session has been idle past its timeout
            await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    hub.count("SELECT count(*) FROM app_session WHERE username = 'admin' AND last_seen_at > now() - interval '1100 milliseconds'") == 0);
            HttpResponse<String> idle = send(hub, "GET", "/api/v1/session", null, brief);
            assertThat(idle.statusCode()).isEqualTo(401);
            assertThat(error(idle)).isEqualTo("unauthenticated");
            assertThat(send(hub, "GET", "/api/v1/session", null, before).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aHubWithoutLogInRefusesToListenBeyondLoopback() {
        HubFixture hub = new HubFixture().with("DUTYROOM_HTTP_HOST", "0.0.0.0").with("DUTYROOM_AUTH_ENABLED", "false");

        assertThatThrownBy(hub::start)
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("log-in is off")
                .hasMessageContaining("'0.0.0.0'")
                .hasMessageContaining("DUTYROOM_HTTP_HOST=127.0.0.1");
    }

    @Test
    void withLogInOffTheBodyNamesTheUserAndTheLogInEndpointsSaySo() {
        try (HubFixture hub = new HubFixture().start()) {
            assertThat(hub.hub().oneTimeCredentials()).isEmpty();
            assertThat(hub.get("/api/v1/alarms").statusCode()).isEqualTo(200);
            HttpResponse<String> session = hub.post("/api/v1/session", new JsonObject().put("username", "admin").put("password", "x"));
            assertThat(session.statusCode()).isEqualTo(404);
            assertThat(session.body()).contains("log-in is off");
            assertThat(hub.post("/api/v1/work-orders", new JsonObject().put("site", "estate-a").put("source", "B2 car park ramp")
                    .put("summary", "ramp drain blocked")).statusCode()).as("no session: the body must name the user").isEqualTo(400);
        }
    }

    private static HttpResponse<String> logIn(HubFixture hub, String username, String password) throws Exception {
        return send(hub, "POST", "/api/v1/session", new JsonObject().put("username", username).put("password", password), null);
    }

    private static String token(HttpResponse<String> logIn) {
        assertThat(logIn.statusCode()).as(logIn.body()).isEqualTo(200);
        Matcher m = SESSION_COOKIE.matcher(logIn.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("code");
    }

    /** A request with the session cookie when {@code token} is given. */
    private static HttpResponse<String> send(HubFixture hub, String method, String path, JsonObject body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.hub().httpUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Cookie", "dutyroom_session=" + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

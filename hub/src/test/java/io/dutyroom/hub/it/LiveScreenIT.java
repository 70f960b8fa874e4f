package io.dutyroom.hub.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.dutyroom.hub.it.Screen.logIn;
import static io.dutyroom.hub.it.Screen.nav;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.dutyroom.hub.auth.Role;
import io.dutyroom.hub.auth.UserBootstrap;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, "updates arrive live", in a real browser against a real hub, broker and database: an
 * equipment page's values follow the device's readings as they are recorded, and leaving the page
 * closes its stream; a wall screen that only listens stays logged in past the idle timeout and
 * still shows the next alarm; a session ended elsewhere brings back the log-in form, which says so,
 * and the hub closes the streams; a hub that cannot be reached at start-up is said and asked again.
 * And the device stream as a script sees it.
 */
class LiveScreenIT {
    /** Short, so that idling out would happen within the test; the streams re-check every 1.25 s. */
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SESSION_COOKIE = Pattern.compile("dutyroom_session=([^;]*)");
    private static final String DEVICE_CLIENTS = "dutyroom_live_device_clients";
    private static final String FEED_CLIENTS = "dutyroom_live_clients";

    @Test
    void anEquipmentPagesValuesFollowTheReadingsAndLeavingTheScreenClosesItsStream() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_IDLE_TIMEOUT", "5s").startWithDemoUsers();
             BrowserFixture chromium = BrowserFixture.start(); BrowserContext context = chromium.browser().newContext();
             Publisher pump = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            String telemetry = hub.topic("estate-a", "pump-1", "telemetry");
            pump.publish(telemetry, "{\"values\": {\"outlet_pressure\": 0.42}}");
            Page page = context.newPage();
            page.navigate(hub.hub().httpUrl() + "/#equipment");
            logIn(page, hub, Role.DUTY_ENGINEER);
            page.locator("#devices tbody tr[data-device='pump-1'] button").click();
            var pressure = page.locator("#points tr[data-point='outlet_pressure']");
            assertThat(pressure.locator("td.value")).hasText("0.42 MPa");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(DEVICE_CLIENTS) == 1.0);

            // a new reading reaches the open page by itself: no reload, and the page asks nothing
            List<String> asked = new CopyOnWriteArrayList<>();
            page.onRequest(r -> asked.add(URI.create(r.url()).getPath()));
            pump.publish(telemetry, "{\"values\": {\"outlet_pressure\": 0.57}}");
            assertThat(pressure.locator("td.value")).hasText("0.57 MPa");
            assertThat(pressure.locator("td.quality")).hasText("good");
            assertThat(asked).as("the values come on the stream, not by asking the device again").doesNotContain("/api/v1/devices/pump-1");

            // leaving the screen by the menu closes the stream (it used to poll on, and keep the session alive)
            nav(page, "总览");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(DEVICE_CLIENTS) == 0.0);
            // coming back follows again, starting from the latest values
            pump.publish(telemetry, "{\"values\": {\"outlet_pressure\": 0.61}}");
            nav(page, "设备");
            assertThat(pressure.locator("td.value")).hasText("0.61 MPa");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(DEVICE_CLIENTS) == 1.0);
            pump.publish(telemetry, "{\"values\": {\"outlet_pressure\": 0.38}}");
            assertThat(pressure.locator("td.value")).hasText("0.38 MPa");
            // and closing the page closes it too
            page.locator("#equipment-detail button").first().click();
            assertThat(page.locator("#equipment-list")).isVisible();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(DEVICE_CLIENTS) == 0.0);
        }
    }

    @Test
    void aWallScreenThatOnlyListensStaysLoggedInPastTheIdleTimeoutAndShowsTheNextAlarm() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_IDLE_TIMEOUT", "5s").startWithDemoUsers();
             BrowserFixture chromium = BrowserFixture.start(); BrowserContext context = chromium.browser().newContext();
             Publisher door = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            Page page = context.newPage();
            // when the page last asked the hub anything itself (its streams aside)
            AtomicReference<Instant> lastAsked = new AtomicReference<>(Instant.now());
            page.onRequest(r -> {
                String path = URI.create(r.url()).getPath();
                if (path.startsWith("/api/") && !path.endsWith("/live")) {
                    lastAsked.set(Instant.now());
                }
            });
            page.navigate(hub.hub().httpUrl() + "/#alarms");
            // the screen on the duty room's wall says so at log-in
            page.locator("#login input[name=wallScreen]").check();
            UserBootstrap.Credential engineer = logIn(page, hub, Role.DUTY_ENGINEER);
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "live");

            // nothing happens now. Wait until the hub has recorded the session's activity later than
            // the idle timeout after the page's last request of its own: only its open streams can
            // have kept it, and without them it would have ended by then (an ended session is never
            // recorded again). Playwright's wait keeps receiving the page's requests meanwhile.
            page.waitForCondition(() -> lastSeen(hub, engineer.username()).isAfter(lastAsked.get().plus(IDLE)),
                    new Page.WaitForConditionOptions().setTimeout(30_000));
            assertThat(hub.count("SELECT count(*) FROM app_session WHERE username = '" + engineer.username() + "'")).isEqualTo(1);

            // the next alarm: the console loads it with the same session, and the screen shows it
            door.publish(hub.topic("estate-a", "door-1", "telemetry"), "{\"values\": {\"forced_open\": true}}");
            assertThat(page.locator("#alarms tr[data-device='door-1'][data-rule='door-forced']")).isVisible();
            assertThat(page.locator("#login")).isHidden();
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "live");
        }
    }

    @Test
    void aScreenThatIsNotAWallScreenIsLoggedOutWhenLeftAloneForTheIdleTimeout() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_IDLE_TIMEOUT", "5s").startWithDemoUsers();
             BrowserFixture chromium = BrowserFixture.start(); BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(hub.hub().httpUrl() + "/#desk");
            assertThat(page.locator("#login input[name=wallScreen]")).not().isChecked();
            logIn(page, hub, Role.DESK);
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "live");
            // a desk PC left with the screen open: its streams only check the session, so the idle
            // timeout ends it, and the hub's next check ends the streams and tells the screen
            assertThat(page.locator("#session-ended")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "signed-out");
            assertThat(hub.count("SELECT count(*) FROM app_session WHERE username = 'desk'")).as("the ended session is gone").isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(FEED_CLIENTS) == 0.0);
        }
    }

    @Test
    void aSessionEndedElsewhereBringsBackTheLogInFormSayingSoAndTheHubClosesTheStreams() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_IDLE_TIMEOUT", "5s").startWithDemoUsers();
             BrowserFixture chromium = BrowserFixture.start(); BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(hub.hub().httpUrl() + "/#equipment");
            logIn(page, hub, Role.DUTY_ENGINEER);
            page.locator("#devices tbody tr[data-device='pump-1'] button").click();
            // the page's feed, the timeline screen's feed, and the pump's readings
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(FEED_CLIENTS) == 2.0 && hub.metric(DEVICE_CLIENTS) == 1.0);

            // the same session is logged out from elsewhere (another tab, a script): the page itself asks nothing
            String token = context.cookies().stream().filter(c -> c.name.equals("dutyroom_session")).map(c -> c.value).findFirst().orElseThrow();
            assertThat(send(hub, "DELETE", "/api/v1/session", token).statusCode()).isEqualTo(200);

            assertThat(page.locator("#login")).isVisible();
            assertThat(page.locator("#session-ended")).hasText("会话已结束，请重新登录");
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "signed-out");
            assertThat(page.locator("#feed-state")).hasText("未登录");
            assertThat(page.locator("#connection-lost")).isHidden();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(FEED_CLIENTS) == 0.0 && hub.metric(DEVICE_CLIENTS) == 0.0);
            assertThat(hub.metric("dutyroom_live_clients_session_ended_total") + hub.metric("dutyroom_live_device_clients_session_ended_total"))
                    .as("the hub ended a stream: it was the page's only news of the log-out").isGreaterThanOrEqualTo(1.0);

            // logging in again goes on where the screen was, live again
            logIn(page, hub, Role.DUTY_ENGINEER);
            assertThat(page.locator("#session-ended")).isHidden();
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "live");
            assertThat(page.locator("#points tr[data-point='outlet_pressure']")).isVisible();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(DEVICE_CLIENTS) == 1.0);
        }
    }

    @Test
    void aHubThatCannotBeReachedAtStartUpIsSaidAndAskedAgain() throws Exception {
        try (HubFixture hub = new HubFixture().startWithDemoUsers();
             BrowserFixture chromium = BrowserFixture.start(); BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            // the network fails the page's first two questions to the hub
            AtomicInteger failed = new AtomicInteger();
            page.route(hub.hub().httpUrl() + "/api/v1/session", route -> {
                if (failed.getAndIncrement() < 2) {
                    route.abort("connectionrefused");
                } else {
                    route.resume();
                }
            });
            page.navigate(hub.hub().httpUrl() + "/");
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "unreachable");
            assertThat(page.locator("#feed-state")).hasText("无法连接");
            assertThat(page.locator("#connection-lost")).hasText("无法连接值班系统，正在重试……");
            // asked again after 1 s, then 2 s: the third time the hub answers
            assertThat(page.locator("#login")).isVisible();
            assertThat(page.locator("#connection-lost")).isHidden();
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "signed-out");
            // nobody was logged in: no session has ended
            assertThat(page.locator("#session-ended")).isHidden();
            assertThat(failed.get()).isEqualTo(3);
            logIn(page, hub, Role.DUTY_ENGINEER);
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "live");
        }
    }

    @Test
    void theDeviceStreamStartsWithTheLatestValuesCarriesEachReadingAndEndsWithItsSession() throws Exception {
        try (HubFixture hub = new HubFixture().with("DUTYROOM_AUTH_IDLE_TIMEOUT", "5s").startWithDemoUsers();
             Publisher pump = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            String token = apiLogIn(hub, Role.DUTY_ENGINEER);
            String telemetry = hub.topic("estate-a", "pump-1", "telemetry");

            // refused before it opens: no session, a device the hub does not know, a parameter it does not take
            assertThat(send(hub, "GET", "/api/v1/devices/pump-1/live", null).statusCode()).isEqualTo(401);
            HttpResponse<String> unknown = send(hub, "GET", "/api/v1/devices/no-such-pump/live", token);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(error(unknown).getString("code")).isEqualTo("not_found");
            assertThat(error(unknown).getString("message")).contains("no-such-pump");
            HttpResponse<String> extra = send(hub, "GET", "/api/v1/devices/pump-1/live?since=now", token);
            assertThat(extra.statusCode()).isEqualTo(400);
            assertThat(error(extra).getString("parameter")).isEqualTo("since");

            try (EventStreamReader stream = open(hub, "/api/v1/devices/pump-1/live", token)) {
                EventStreamReader.Event first = stream.next(Duration.ofSeconds(10));
                assertThat(first.name()).isEqualTo("reading");
                assertThat(new JsonObject(first.data()).getString("device")).isEqualTo("pump-1");
                pump.publish(telemetry, "{\"values\": {\"outlet_pressure\": 0.73, \"pump1_running\": true}}");
                JsonObject reading = new JsonObject(stream.next(Duration.ofSeconds(20)).data());
                assertThat(reading.getString("device")).isEqualTo("pump-1");
                JsonObject points = reading.getJsonObject("points");
                assertThat(points.fieldNames()).containsExactlyInAnyOrder("outlet_pressure", "pump1_running");
                assertThat(points.getJsonObject("outlet_pressure").getDouble("value")).isEqualTo(0.73);
                assertThat(points.getJsonObject("outlet_pressure").getString("quality")).isEqualTo("good");
                assertThat(Instant.parse(points.getJsonObject("outlet_pressure").getString("ts"))).isNotNull();
                assertThat(points.getJsonObject("pump1_running").getDouble("value")).isEqualTo(1.0);
            }
            // the client left: nobody watches the pump any more
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(DEVICE_CLIENTS) == 0.0);

            try (EventStreamReader stream = open(hub, "/api/v1/devices/pump-1/live", token)) {
                JsonObject latest = new JsonObject(stream.next(Duration.ofSeconds(10)).data()).getJsonObject("points");
                assertThat(latest.getJsonObject("outlet_pressure").getDouble("value")).as("a new stream starts from the latest values").isEqualTo(0.73);

                // the session is logged out elsewhere: the stream's last event says so, and it ends
                assertThat(send(hub, "POST", "/api/v1/session/logout", token).statusCode()).isEqualTo(200);
                EventStreamReader.Event last = stream.next(Duration.ofSeconds(10));
                assertThat(last.name()).isEqualTo("session-ended");
                assertThat(new JsonObject(last.data()).getJsonObject("error").getString("code")).isEqualTo("unauthenticated");
                assertThat(stream.next(Duration.ofSeconds(10))).as("the hub ended the stream").isNull();
            }
            assertThat(hub.metric("dutyroom_live_device_clients_session_ended_total")).isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric(DEVICE_CLIENTS) == 0.0);
        }
    }

    /** When the hub last recorded activity of the user's session; the epoch when it has none. */
    private static Instant lastSeen(HubFixture hub, String username) {
        return Instant.ofEpochMilli(hub.count("SELECT coalesce(max((extract(epoch FROM last_seen_at) * 1000)::bigint), 0) FROM app_session"
                + " WHERE username = '" + username + "'"));
    }

    /** Logs in through the API as the demo user of {@code role}; the session's token. */
    private static String apiLogIn(HubFixture hub, Role role) {
        UserBootstrap.Credential user = hub.hub().oneTimeCredentials().stream().filter(c -> c.role() == role).findFirst().orElseThrow();
        HttpResponse<String> response = hub.post("/api/v1/session", new JsonObject().put("username", user.username()).put("password", user.password()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher m = SESSION_COOKIE.matcher(response.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static EventStreamReader open(HubFixture hub, String path, String token) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(request(hub, "GET", path, token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        return new EventStreamReader(response.body());
    }

    private static HttpResponse<String> send(HubFixture hub, String method, String path, String token) throws Exception {
        return HTTP.send(request(hub, method, path, token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the session cookie when {@code token} is given (no time limit: a stream stays open). */
    private static HttpRequest.Builder request(HubFixture hub, String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.hub().httpUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Cookie", "dutyroom_session=" + token);
        }
        return request;
    }

    private static JsonObject error(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error");
    }
}

package io.dutyroom.hub.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.dutyroom.hub.it.Screen.logIn;
import static io.dutyroom.hub.it.Screen.nav;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.dutyroom.hub.auth.Role;
import io.dutyroom.hub.auth.UserBootstrap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a newcomer meets it: {@code dutyroom demo} (the packaged jar, here
 * on the test's broker and database) with its simulated estate, and the dashboard in a real browser
 * logged in with a password from the banner. Every building of the demo estate shows its systems;
 * faults injected through the simulator's control API colour their tiles. The overview screenshot
 * of the README is taken here.
 */
class DemoScreenIT {
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final Pattern DASHBOARD = Pattern.compile("Dashboard +(http://\\S+?)/\\s");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CONTROL = Pattern.compile("the simulator's control API at (http://\\S+)");

    @TempDir
    Path dir;

    @Test
    void theDemoEstateComesUpOnTheScreenWithItsBuildingsAndTheirSystems() throws Exception {
        HubFixture settings = new HubFixture(); // its environment only: schema, topic root, the test's services
        Map<String, String> env = new HashMap<>(settings.env);
        env.remove("DUTYROOM_ESTATE"); // the demo brings its own
        env.remove("DUTYROOM_AUTH_ENABLED");
        try (HubJar demo = HubJar.launch(dir, env, "demo", "--no-browser");
             BrowserFixture chromium = BrowserFixture.start(); BrowserContext context = chromium.browser().newContext()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> demo.out().contains("Dutyroom hub ready") || !demo.process().isAlive());
            String banner = demo.out();
            assertThat(banner).as("the demo's banner; its errors: %s", demo.err()).contains("Dutyroom hub ready").contains("sites: 1, devices: 15");
            String dashboard = find(DASHBOARD, banner);
            UserBootstrap.Credential engineer = new UserBootstrap.Credential("li.na", Role.DUTY_ENGINEER, find(Pattern.compile("li\\.na +duty-engineer +(\\S+)"), banner), false);

            Page page = context.newPage();
            page.setViewportSize(1440, 900);
            page.navigate(dashboard + "/");
            logIn(page, engineer);
            assertThat(page.locator("#overview-tiles .site h3")).hasText("滨江花园 (riverside)");
            Locator towers = page.locator("#overview-tiles .building h4");
            assertThat(towers).hasText(new String[] {"1号楼 (t1)", "2号楼 (t2)", "3号楼 (t3)", "办公楼 (office)"});
            Locator office = page.locator("#overview-tiles .building[data-building=office] .tile");
            assertThat(office).hasCount(3);
            assertThat(page.locator("#overview-tiles .building[data-building=t1] .tile")).hasCount(4);
            // the incomers are polled over Modbus from the demo's simulated gateway
            assertThat(page.locator(".tile[data-building=office][data-system=power]")).hasAttribute("data-status", "normal");

            // two faults from the simulator's control API: a tower's pump set and a lift
            URI control = URI.create(find(CONTROL, banner));
            inject(control, "t1-water-pumps", "pump-trip");
            inject(control, "t2-lift-a", "door-fault");
            Locator water = page.locator(".tile[data-building=t1][data-system=water]");
            assertThat(water).hasAttribute("data-status", "high", new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
            assertThat(water).containsText("高 1");
            assertThat(page.locator(".tile[data-building=t2][data-system=elevator]")).not().hasAttribute("data-status", "normal",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("overview.png")));

            nav(page, "报警");
            assertThat(page.locator("#alarms tr[data-device='t1-water-pumps'][data-rule='pump-trip']")).isVisible();
            List<String> devices = page.locator("#alarms tbody tr").all().stream().map(row -> row.getAttribute("data-device")).toList();
            assertThat(devices).contains("t1-water-pumps", "t2-lift-a");
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in:%n%s", pattern, text).isTrue();
        return m.group(1);
    }

    private static void inject(URI control, String device, String fault) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(control.resolve("/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"device\": \"" + device + "\", \"fault\": \"" + fault + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}

package io.dutyroom.hub.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.dutyroom.hub.auth.Role;
import io.dutyroom.hub.auth.UserBootstrap;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: a duty engineer logs in, the screen loads the estate's devices
 * and follows the timeline live, and says so. The first of the dashboard's browser tests (issue 8
 * adds the screens).
 */
class DashboardIT {

    @Test
    void theScreenShowsTheDevicesAndFollowsTheTimelineLive() throws Exception {
        try (HubFixture hub = new HubFixture().startWithDemoUsers(); BrowserFixture chromium = BrowserFixture.start();
             BrowserContext context = chromium.browser().newContext(); Publisher door = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            Page page = context.newPage();
            page.navigate(hub.hub().httpUrl() + "/");
            assertThat(page).hasTitle("Dutyroom 值班室");
            // without a session the screen asks for a log-in; a wrong password is refused on the form
            UserBootstrap.Credential engineer = hub.hub().oneTimeCredentials().stream()
                    .filter(c -> c.role() == Role.DUTY_ENGINEER).findFirst().orElseThrow();
            assertThat(page.locator("#login")).isVisible();
            page.getByLabel("用户名 User name").fill(engineer.username());
            page.getByLabel("密码 Password").fill(engineer.password() + "x");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录 Log in")).click();
            assertThat(page.locator("#login-error")).not().isEmpty();
            page.getByLabel("密码 Password").fill(engineer.password());
            page.getByLabel("密码 Password").press("Enter");
            assertThat(page.locator("#who")).containsText("duty-engineer");
            assertThat(page.locator("#login")).isHidden();
            assertThat(page.locator("#devices tbody tr[data-device=pump-1]")).isVisible();
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "live");

            // an event published now appears on the screen without reloading it
            door.publish(hub.topic("estate-a", "door-1", "event"), "{\"type\": \"card.granted\", \"data\": {\"card\": \"A17\"}}");
            assertThat(page.locator("#timeline li[data-kind='device.event']").first()).containsText("door-1");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "first-screen.png")).setFullPage(true));
        }
    }
}

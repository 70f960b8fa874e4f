package io.dutyroom.hub.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: the duty-room screen loads the estate's devices and follows the
 * timeline live, and says so. The first of the dashboard's browser tests (issue 8 adds the screens).
 */
class DashboardIT {

    @Test
    void theScreenShowsTheDevicesAndFollowsTheTimelineLive() throws Exception {
        try (HubFixture hub = new HubFixture().start(); BrowserFixture chromium = BrowserFixture.start();
             BrowserContext context = chromium.browser().newContext(); Publisher door = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            Page page = context.newPage();
            page.navigate(hub.hub().httpUrl() + "/");
            assertThat(page).hasTitle("Dutyroom 值班室");
            assertThat(page.locator("#devices tbody tr[data-device=pump-1]")).isVisible();
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "live");

            // an event published now appears on the screen without reloading it
            door.publish(hub.topic("estate-a", "door-1", "event"), "{\"type\": \"card.granted\", \"data\": {\"card\": \"A17\"}}");
            assertThat(page.locator("#timeline li[data-kind='device.event']").first()).containsText("door-1");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "first-screen.png")).setFullPage(true));
        }
    }
}

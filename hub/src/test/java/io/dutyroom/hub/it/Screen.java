package io.dutyroom.hub.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.dutyroom.hub.auth.Role;
import io.dutyroom.hub.auth.UserBootstrap;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** What the dashboard's browser tests do on every screen: log in, move between screens, ask the API as the page's session. */
final class Screen {
    static {
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    /** How the Chinese screen names each role beside the user. */
    private static final Map<Role, String> ROLE_NAMES = Map.of(Role.DUTY_ENGINEER, "值班工程师", Role.SUPERVISOR, "主管", Role.DESK, "客服", Role.ADMIN, "管理员");

    private Screen() {
    }

    /** Logs in through the form as the demo user of role: a wrong password first, then the right one. */
    static UserBootstrap.Credential logIn(Page page, HubFixture hub, Role role) {
        UserBootstrap.Credential user = hub.hub().oneTimeCredentials().stream().filter(c -> c.role() == role).findFirst().orElseThrow();
        logIn(page, user);
        return user;
    }

    /** Logs in through the form: a wrong password first (refused, and said so), then the right one. */
    static void logIn(Page page, UserBootstrap.Credential user) {
        assertThat(page.locator("#login")).isVisible();
        page.getByLabel("用户名", new Page.GetByLabelOptions().setExact(true)).fill(user.username());
        page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill(user.password() + "x");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录").setExact(true)).click();
        assertThat(page.locator("#login-error")).not().isEmpty();
        page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill(user.password());
        page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).press("Enter");
        assertThat(page.locator("#login")).isHidden();
        assertThat(page.locator("#who")).containsText(ROLE_NAMES.get(user.role()));
    }

    static void nav(Page page, String screen) {
        page.locator("nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(screen).setExact(true)).click();
    }

    /** The API as the browser's own session sees it (it wants one). */
    static JsonObject api(Page page, HubFixture hub, String path) {
        return new JsonObject(page.request().get(hub.hub().httpUrl() + path).text());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.dutyroom.hub.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real browser for the dashboard's tests: Debian's Chromium (package {@code chromium}) driven by
 * Playwright, never a browser Playwright downloads. The executable is {@code DUTYROOM_TEST_BROWSER}
 * or {@code /usr/bin/chromium}. Where it is missing the tests are skipped, unless
 * {@code DUTYROOM_TEST_UI=required} (our CI, whose {@code .ci/run} installs it), where that fails.
 */
public final class BrowserFixture implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;

    private BrowserFixture(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static BrowserFixture start() {
        Path executable = Path.of(System.getenv().getOrDefault("DUTYROOM_TEST_BROWSER", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            String why = "no Chromium at " + executable + " (apt-get install chromium, or set DUTYROOM_TEST_BROWSER)";
            if ("required".equals(System.getenv("DUTYROOM_TEST_UI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        // the driver ships inside the Playwright jar; browsers are never downloaded
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(executable).setHeadless(true)
                    // CI runs as root, where Chromium's sandbox cannot start
                    .setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
            return new BrowserFixture(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

package io.dutyroom.hub.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.dutyroom.hub.it.Screen.api;
import static io.dutyroom.hub.it.Screen.logIn;
import static io.dutyroom.hub.it.Screen.nav;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.dutyroom.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarm console as a night shift meets it, in a real browser: an urgent alarm sounds its cue and
 * a muted browser stays silent (also after a reload); the console is worked from the keyboard alone
 * (Tab into the list, arrows between alarms, S to shelve with a reason and a time); an alarm flood
 * puts up its banner naming the first-out alarm; a device that drops off the network shows on its
 * overview tile as communication loss, in words; and a work order is handed to another engineer
 * from the board.
 */
class AlarmConsoleIT {
    /**
     * Listens to the page's sound: every tone the page starts through Web Audio is noted in
     * window.tones (its frequency), and still played, so the page runs its own code unchanged.
     */
    private static final String TONE_SPY = """
            window.tones = [];
            const Real = window.AudioContext;
            window.AudioContext = class extends Real {
              createOscillator() {
                const oscillator = super.createOscillator();
                const start = oscillator.start.bind(oscillator);
                oscillator.start = (...when) => { window.tones.push(oscillator.frequency.value); return start(...when); };
                return oscillator;
              }
            };
            """;
    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);
    private static final int DOORS = 11;

    @TempDir
    Path dir;

    @Test
    void theNightShiftWorksTheConsoleByEarAndByKeyboardThroughAFlood() throws Exception {
        StringBuilder doors = new StringBuilder();
        for (int i = 1; i <= DOORS; i++) {
            doors.append("          - {id: door-").append(i).append(", profile: access-door, floor: \"1\"}\n");
        }
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    name: {zh: 测试花园, en: Test Gardens}
                    buildings:
                      - id: b1
                        name: {zh: 1号楼, en: Tower 1}
                        floors: ["1"]
                        devices:
                          - {id: fp-1, profile: fire-alarm-panel, floor: "1", name: {zh: 1号楼火灾报警控制器, en: Tower 1 fire panel}}
                          - {id: fp-2, profile: fire-alarm-panel, floor: "1"}
                """ + doors + """
                      - id: b2
                        floors: ["1"]
                        devices:
                          - {id: door-b2, profile: access-door, floor: "1"}
                """);
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                timeZone: UTC
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: night, start: "20:00", end: "08:00"}
                engineers:
                  - {id: li.na, name: 李娜, skills: [fire-systems, general]}
                  - {id: zhang.qiang, name: 张强, skills: [fire-systems, general, supervisor]}
                duty:
                  - {shift: day, engineers: [li.na, zhang.qiang]}
                  - {shift: night, engineers: [li.na, zhang.qiang]}
                """);
        try (HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString()).with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString())
                     .startWithDemoUsers();
             BrowserFixture chromium = BrowserFixture.start(); BrowserContext context = chromium.browser().newContext();
             Publisher devices = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            context.addInitScript(TONE_SPY);
            Page page = context.newPage();
            page.setViewportSize(1440, 900);
            page.navigate(hub.hub().httpUrl() + "/#alarms");
            logIn(page, hub, Role.DUTY_ENGINEER);
            assertThat(page.locator("#feed-state")).hasAttribute("data-state", "live");

            // an urgent alarm sounds its two tones
            devices.publish(hub.topic("estate-a", "fp-1", "telemetry"), "{\"values\": {\"zone_fire_count\": 2}}");
            Locator fire1 = page.locator("#alarms tr[data-device='fp-1'][data-rule='fire-alarm']");
            assertThat(fire1).isVisible(SOON);
            assertThat(fire1.locator("td.priority")).hasText("紧急");
            page.waitForFunction("window.tones.length === 2");
            assertThat(tones(page)).isEqualTo("[880,660]");

            // muted in this browser: the next urgent alarm is shown, but silent
            Locator mute = page.locator("#mute");
            assertThat(mute).hasAttribute("aria-pressed", "false");
            mute.click();
            assertThat(mute).hasAttribute("aria-pressed", "true");
            assertThat(mute).hasText("提示音：关");
            devices.publish(hub.topic("estate-a", "fp-2", "telemetry"), "{\"values\": {\"zone_fire_count\": 1}}");
            Locator fire2 = page.locator("#alarms tr[data-device='fp-2'][data-rule='fire-alarm']");
            // the cue is decided before the row is drawn, so once the row is there, silence is final
            assertThat(fire2).isVisible(SOON);
            assertThat(tones(page)).isEqualTo("[880,660]");
            // the choice is the browser's: after a reload both urgent alarms are new to the page, and still silent
            page.reload();
            assertThat(fire2).isVisible(SOON);
            assertThat(page.locator("#mute")).hasAttribute("aria-pressed", "true");
            assertThat(tones(page)).isEqualTo("[]");

            // the keyboard alone: Tab reaches the list, the arrows move between alarms
            page.locator("#alarms-title").click();
            for (int i = 0; i < 40 && !focusedIsAlarm(page); i++) {
                page.keyboard().press("Tab");
            }
            assertThat(focusedIsAlarm(page)).as("Tab reaches an alarm of the console").isTrue();
            String first = focusedAlarm(page);
            page.keyboard().press("ArrowDown");
            String second = focusedAlarm(page);
            assertThat(second).isNotEqualTo(first);
            page.keyboard().press("ArrowUp");
            assertThat(focusedAlarm(page)).isEqualTo(first);
            // S shelves the focused alarm, with a reason and a time chosen in the dialog
            page.keyboard().press("s");
            Locator dialog = page.locator("dialog[open]");
            assertThat(dialog).isVisible();
            page.keyboard().type("探测器误报，待厂家检修 / faulty detector");
            dialog.locator("select[name=for]").selectOption("30m");
            dialog.getByLabel("原因").press("Enter");
            Locator shelved = page.locator("#alarms tr[data-alarm='" + first + "']");
            assertThat(shelved.locator("td.state")).hasText("搁置");
            JsonObject alarm = api(page, hub, "/api/v1/alarms/" + first);
            assertThat(alarm.getString("state")).isEqualTo("shelved");
            assertThat(alarm.getJsonObject("shelved").getString("reason")).isEqualTo("探测器误报，待厂家检修 / faulty detector");
            Instant until = Instant.parse(alarm.getJsonObject("shelved").getString("until"));
            assertThat(Duration.between(Instant.now(), until)).isBetween(Duration.ofMinutes(28), Duration.ofMinutes(31));
            // and back, from its button
            shelved.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("取消搁置")).click();
            assertThat(shelved.locator("td.state")).not().hasText("搁置");

            // a flood: more than ten new alarms in ten minutes at one duty room; the banner names the first out
            for (int i = 1; i <= DOORS; i++) {
                devices.publish(hub.topic("estate-a", "door-" + i, "telemetry"), "{\"values\": {\"forced_open\": true}}");
            }
            Locator flood = page.locator("#flood");
            assertThat(flood).isVisible(SOON);
            assertThat(flood).containsText("报警泛滥：测试花园 (estate-a)");
            assertThat(flood).containsText("首发报警：1号楼火灾报警控制器 火警");

            // a door in tower 2 drops off the network: its tile says so in words
            devices.publish(hub.topic("estate-a", "door-b2", "status"), "offline");
            nav(page, "总览");
            Locator b2 = page.locator("#overview-tiles .tile[data-building=b2][data-system=access]");
            assertThat(b2).containsText("通信中断 1", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            assertThat(page.locator("#overview-tiles .building[data-building=b1] h4")).hasText("1号楼 (b1)");

            // the fire alarm's order goes to the other engineer from the board
            nav(page, "工单");
            Locator order = page.locator("#wo-board li[data-source='fp-1']");
            assertThat(order).isVisible(SOON);
            String assignee = api(page, hub, "/api/v1/work-orders/" + order.getAttribute("data-work-order")).getString("assignee");
            String other = "li.na".equals(assignee) ? "zhang.qiang" : "li.na";
            order.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("派工").setExact(true)).click();
            page.locator("dialog[open] select[name=assignee]").selectOption(other);
            page.locator("dialog[open]").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("确定")).click();
            assertThat(order).containsText("负责人: " + other);
            assertThat(api(page, hub, "/api/v1/work-orders/" + order.getAttribute("data-work-order")).getString("assignee")).isEqualTo(other);
        }
    }

    private static String tones(Page page) {
        return String.valueOf(page.evaluate("JSON.stringify(window.tones)"));
    }

    private static boolean focusedIsAlarm(Page page) {
        return Boolean.TRUE.equals(page.evaluate("document.activeElement?.matches('#alarms tbody tr') === true"));
    }

    private static String focusedAlarm(Page page) {
        return String.valueOf(page.evaluate("document.activeElement?.dataset.alarm"));
    }
}

package io.dutyroom.hub.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.dutyroom.hub.it.Screen.api;
import static io.dutyroom.hub.it.Screen.logIn;
import static io.dutyroom.hub.it.Screen.nav;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import io.dutyroom.hub.auth.Role;
import io.dutyroom.hub.auth.UserBootstrap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Patrols and complaints" screen as the complaints desk works it, in a real browser: the desk
 * clerk records a resident's complaint from the form and takes it through every step to closed,
 * reads the resident's details only on demand (and that read is on the audit trail), sees the
 * checkpoints of the round in progress that are past their own time, and the work-order return
 * visits past their limit; the alarm console and the board offer the desk no buttons. A duty
 * engineer, the other way round, works alarms but is offered no complaint actions.
 */
// one hub for the three; the screenshot of the first shows the round before the second scans its lobby
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeskScreenIT {
    /** docs/screenshots of the repository, as DashboardIT writes them: the module runs in hub/. */
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(15_000);
    private static final String NAME = "张伟";
    private static final String PHONE = "13800001234";

    @TempDir
    static Path dir;
    static HubFixture hub;
    static BrowserFixture chromium;

    @BeforeAll
    static void start() throws IOException {
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b1
                        floors: ["1"]
                        devices:
                          - {id: door-1, profile: access-door, floor: "1"}
                      - id: b2
                        floors: ["1"]
                        devices:
                          - {id: door-2, profile: access-door, floor: "1"}
                """);
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                timeZone: UTC
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: night, start: "20:00", end: "08:00"}
                engineers:
                  - {id: li.na, name: 李娜, skills: [plumber, general]}
                duty:
                  - {shift: day, engineers: [li.na]}
                  - {shift: night, engineers: [li.na]}
                """);
        // the return visit of a repair is due 2 s after it is resolved here, so it is late at once
        Path policies = Files.writeString(dir.resolve("policies.yaml"), """
                sites:
                  estate-a:
                    repair: {returnVisit: 2s}
                """);
        // today's round runs 01:00–23:00 in a zone where it is now between 02:00 and 22:00, so it is
        // open whenever the test runs: the lobby was due a minute after it opened, the roof is due at its end
        ZoneId zone = Stream.of("UTC", "Asia/Shanghai").map(ZoneId::of)
                .filter(z -> ZonedDateTime.now(z).getHour() >= 2 && ZonedDateTime.now(z).getHour() < 22).findFirst().orElseThrow();
        Path routes = Files.writeString(dir.resolve("routes.yaml"), """
                timeZone: %s
                routes:
                  - id: b1-building
                    site: estate-a
                    name: {zh: 1号楼巡查, en: Tower 1 patrol}
                    windows: [{start: "01:00", end: "23:00"}]
                    checkpoints:
                      - {id: b1-lobby, building: b1, floor: "1", name: {zh: 1号楼大堂, en: Tower 1 lobby}, dueAfter: 1m}
                      - {id: b1-roof, building: b1, name: {zh: 1号楼屋面, en: Tower 1 roof}}
                """.formatted(zone.getId()));
        hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString()).with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString())
                .with("DUTYROOM_WORK_ORDERS_POLICIES", policies.toString()).with("DUTYROOM_WORK_ORDERS_CHECK_EVERY", "200ms")
                .with("DUTYROOM_PATROLS_ROUTES", routes.toString()).startWithDemoUsers();
        chromium = BrowserFixture.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void theDeskRecordsAComplaintAndTakesItToClosedFromTheScreen() throws Exception {
        try (BrowserContext context = chromium.browser().newContext(); Publisher door = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            Page page = context.newPage();
            page.setViewportSize(1440, 900);
            page.navigate(hub.hub().httpUrl() + "/#desk");
            UserBootstrap.Credential desk = logIn(page, hub, Role.DESK);

            // a resident phones: recorded from the form, name and phone given once
            page.locator("#record-complaint").click();
            Locator form = page.locator("dialog[open]");
            assertThat(form.getByLabel("渠道")).hasValue("phone");
            form.getByLabel("楼栋").selectOption("estate-a/b1");
            form.getByLabel("房号").fill("1-1203");
            form.getByLabel("投诉内容").fill("2楼停水 / no water on floor 2");
            form.getByLabel("住户姓名").fill(NAME);
            form.getByLabel("联系电话").fill(PHONE);
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("登记投诉")).click();
            assertThat(form).hasCount(0);
            Locator row = page.locator("#complaints tbody tr").filter(new Locator.FilterOptions().setHasText("1-1203"));
            assertThat(row).hasAttribute("data-state", "recorded");
            assertThat(row.locator("td.state")).hasText("已登记");
            String id = row.getAttribute("data-complaint");
            JsonObject recorded = api(page, hub, "/api/v1/complaints/" + id);
            assertThat(recorded.getString("owner")).as("首问责任制").isEqualTo(desk.username());
            assertThat(recorded.getString("building")).isEqualTo("b1");
            // neither the full nor the masked resident is on the list
            assertThat(row).not().containsText(NAME);
            assertThat(row).not().containsText("张*");

            // the resident's details only on demand; the read is on the audit trail, without them
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("查看住户信息")).click();
            assertThat(row.locator("td.resident")).containsText(NAME + " " + PHONE);
            JsonObject viewed = api(page, hub, "/api/v1/timeline?kind=complaint.resident-viewed").getJsonArray("events").getJsonObject(0);
            assertThat(viewed.getString("subject")).isEqualTo(id);
            assertThat(viewed.getJsonObject("payload").getString("by")).isEqualTo(desk.username());
            assertThat(viewed.encode()).doesNotContain(NAME, PHONE, "138****1234");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("隐藏")).click();
            assertThat(row.locator("td.resident")).not().containsText(NAME);

            // judged and assigned; handled as a repair, whose work order the row names
            step(page, row, "分派", "assigned");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("受理")).click();
            Locator handle = page.locator("dialog[open]");
            assertThat(handle.getByLabel("需要维修（开维修工单）")).isChecked();
            handle.getByLabel("说明").fill("工程部主管已到场 / supervisor on site");
            ok(page);
            assertThat(row).hasAttribute("data-state", "handling");
            String workOrder = api(page, hub, "/api/v1/complaints/" + id).getString("workOrderId");
            assertThat(workOrder).matches("WO-\\d{6}");
            assertThat(row.locator(".work-order")).hasText("维修工单 " + workOrder);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("desk.png")));
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("解决")).click();
            page.locator("dialog[open]").getByLabel("处理结果").fill("更换水阀 / valve replaced");
            ok(page);
            assertThat(row).hasAttribute("data-state", "resolved");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("回访")).click();
            assertThat(page.locator("dialog[open]").getByLabel("住户满意")).isChecked();
            ok(page);
            assertThat(row).hasAttribute("data-state", "return-visited");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("关闭")).click();
            assertThat(page.locator("#complaints tr[data-complaint='" + id + "']")).hasCount(0);

            // the hub has every step, each by the desk clerk
            JsonObject closed = api(page, hub, "/api/v1/complaints/" + id);
            assertThat(closed.getString("state")).isEqualTo("closed");
            assertThat(closed.getString("kind")).isEqualTo("help-seeking");
            assertThat(closed.getString("department")).isEqualTo("engineering");
            assertThat(closed.getBoolean("satisfied")).isTrue();
            // the timeline is newest first; the story is told oldest first
            List<JsonObject> story = new ArrayList<>(api(page, hub, "/api/v1/timeline?kind=complaint.*&limit=100").getJsonArray("events")
                    .stream().map(JsonObject.class::cast).filter(e -> id.equals(e.getString("subject"))).toList());
            Collections.reverse(story);
            assertThat(story).extracting(e -> e.getString("kind")).containsSubsequence("complaint.recorded", "complaint.assigned",
                    "complaint.handling", "complaint.resolved", "complaint.return-visited", "complaint.closed");
            assertThat(story).allSatisfy(e -> assertThat(e.getJsonObject("payload").getString("by")).as(e.getString("kind"))
                    .isEqualTo(desk.username()));

            // the alarm console and the board: the desk reads them, with no buttons to act
            door.publish(hub.topic("estate-a", "door-1", "telemetry"), "{\"values\": {\"forced_open\": true}}");
            nav(page, "报警");
            Locator alarm = page.locator("#alarms tr[data-device='door-1'][data-rule='door-forced']");
            assertThat(alarm).isVisible(SOON);
            assertThat(alarm.locator("td.state")).hasText("未确认");
            assertThat(alarm.getByRole(AriaRole.BUTTON)).hasCount(0);
            assertThat(page.locator("#screen-alarms .keys")).isHidden();
            nav(page, "工单");
            Locator card = page.locator("#wo-board li[data-work-order='" + workOrder + "']");
            assertThat(card).isVisible();
            assertThat(card.getByRole(AriaRole.BUTTON)).hasCount(0);
            // and the hub refuses the desk what the screen does not offer
            assertThat(page.request().post(hub.hub().httpUrl() + "/api/v1/alarms/" + alarm.getAttribute("data-alarm") + "/acknowledge",
                    json(new JsonObject())).status()).isEqualTo(403);
        }
    }

    @Test
    @Order(2)
    void theDeskSeesTheOpenRoundsLateCheckpointsAndTheLateReturnVisitsOfWorkOrders() throws Exception {
        try (BrowserContext context = chromium.browser().newContext(); BrowserContext engineer = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(hub.hub().httpUrl() + "/#desk");
            UserBootstrap.Credential desk = logIn(page, hub, Role.DESK);

            // the round in progress: the lobby is past its own time without a scan, the roof is not due yet
            Locator round = page.locator("#rounds tr[data-route='b1-building']");
            assertThat(round).hasAttribute("data-status", "open");
            assertThat(round.locator("td.missed")).containsText("已过时未巡: 1号楼大堂 (b1-lobby)");
            assertThat(round.locator("td.missed")).not().containsText("b1-roof");
            assertThat(round).containsText("进行中 · 已巡 0/2");
            JsonObject open = api(page, hub, "/api/v1/patrols/rounds?site=estate-a").getJsonArray("rounds").getJsonObject(0);
            assertThat(open.getJsonArray("progress").stream().map(c -> ((JsonObject) c).getString("status")).toList())
                    .containsExactly("overdue", "waiting");
            // a guard scans it: it leaves the list
            APIResponse scan = page.request().post(hub.hub().httpUrl() + "/api/v1/patrols/scans",
                    json(new JsonObject().put("site", "estate-a").put("checkpoint", "b1-lobby").put("guard", "zhou.min")));
            assertThat(scan.status()).as(scan.text()).isEqualTo(201);
            assertThat(round).containsText("进行中 · 已巡 1/2");
            assertThat(round.locator("td.muted")).hasText("—");

            // an engineer takes a repair to resolved; its return visit is late two seconds later
            signIn(engineer, Role.DUTY_ENGINEER);
            JsonObject order = new JsonObject(engineer.request().post(hub.hub().httpUrl() + "/api/v1/work-orders",
                    json(new JsonObject().put("site", "estate-a").put("source", "b1 lobby door").put("building", "b1")
                            .put("summary", "大堂门闭门器损坏 / lobby door closer broken"))).text());
            String id = order.getString("id");
            for (String step : List.of("accept", "arrive")) {
                assertThat(engineer.request().post(hub.hub().httpUrl() + "/api/v1/work-orders/" + id + "/" + step, json(new JsonObject())).status())
                        .as(step).isEqualTo(200);
            }
            assertThat(engineer.request().post(hub.hub().httpUrl() + "/api/v1/work-orders/" + id + "/resolve",
                    json(new JsonObject().put("note", "换了闭门器 / closer replaced"))).status()).isEqualTo(200);
            Locator late = page.locator("#overdue-visits li[data-work-order='" + id + "']");
            assertThat(late).isVisible(SOON);
            assertThat(late).containsText("工单 " + id);
            assertThat(late).containsText("大堂门闭门器损坏");
            JsonArray overdue = api(page, hub, "/api/v1/work-orders?overdue=returnVisit").getJsonArray("workOrders");
            assertThat(overdue.stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly(id);
            assertThat(page.request().get(hub.hub().httpUrl() + "/api/v1/work-orders?overdue=soon").status()).isEqualTo(400);
            // the follow-up is the desk's: it calls the resident back and records it from the board, then closes the order
            nav(page, "工单");
            Locator resolved = page.locator("#wo-board li[data-work-order='" + id + "']");
            assertThat(resolved).hasAttribute("data-state", "resolved");
            assertThat(resolved.getByRole(AriaRole.BUTTON)).hasText(new String[] {"回访"});
            resolved.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("回访")).click();
            page.locator("dialog[open]").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("确定")).click();
            assertThat(resolved).hasAttribute("data-state", "verified");
            resolved.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("关闭")).click();
            assertThat(resolved).hasCount(0);
            JsonObject closed = api(page, hub, "/api/v1/work-orders/" + id);
            assertThat(closed.getString("state")).isEqualTo("closed");
            JsonArray followUp = api(page, hub, "/api/v1/timeline?kind=workorder.return-visited,workorder.closed").getJsonArray("events");
            assertThat(followUp.stream().map(e -> ((JsonObject) e).getJsonObject("payload"))
                    .filter(p -> id.equals(p.getString("workOrderId"))).map(p -> p.getString("by")).toList())
                    .containsExactly(desk.username(), desk.username());
        }
    }

    @Test
    @Order(3)
    void aDutyEngineerWorksAlarmsButIsOfferedNoComplaintActions() throws Exception {
        try (BrowserContext deskApi = chromium.browser().newContext(); BrowserContext context = chromium.browser().newContext();
             Publisher door = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            signIn(deskApi, Role.DESK);
            APIResponse recorded = deskApi.request().post(hub.hub().httpUrl() + "/api/v1/complaints", json(new JsonObject()
                    .put("site", "estate-a").put("unit", "2-0501").put("channel", "visit").put("summary", "楼道灯不亮 / corridor light out")
                    .put("residentName", "王芳").put("residentPhone", "13900002222")));
            assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
            String id = new JsonObject(recorded.text()).getString("id");
            door.publish(hub.topic("estate-a", "door-2", "telemetry"), "{\"values\": {\"forced_open\": true}}");

            Page page = context.newPage();
            page.navigate(hub.hub().httpUrl() + "/#desk");
            logIn(page, hub, Role.DUTY_ENGINEER);
            Locator row = page.locator("#complaints tr[data-complaint='" + id + "']");
            assertThat(row).hasAttribute("data-state", "recorded");
            assertThat(row.getByRole(AriaRole.BUTTON)).hasCount(0);
            assertThat(row.locator("td.resident")).hasText("—");
            assertThat(page.locator("#record-complaint")).isHidden();

            // the same engineer is offered the alarm's buttons
            nav(page, "报警");
            Locator alarm = page.locator("#alarms tr[data-device='door-2'][data-rule='door-forced']");
            assertThat(alarm).isVisible(SOON);
            assertThat(alarm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("确认"))).isVisible();
            assertThat(page.locator("#screen-alarms .keys")).isVisible();
        }
    }

    /** Presses the step's button, confirms its dialog as it is offered, and waits for the state. */
    private static void step(Page page, Locator row, String button, String state) {
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(button)).click();
        ok(page);
        assertThat(row).hasAttribute("data-state", state);
    }

    private static void ok(Page page) {
        page.locator("dialog[open]").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("确定")).click();
        assertThat(page.locator("dialog[open]")).hasCount(0);
    }

    /** Logs a browser context in through the API as the demo user of role: its requests then act as that user. */
    private static void signIn(BrowserContext context, Role role) {
        UserBootstrap.Credential user = hub.hub().oneTimeCredentials().stream().filter(c -> c.role() == role).findFirst().orElseThrow();
        APIResponse session = context.request().post(hub.hub().httpUrl() + "/api/v1/session",
                json(new JsonObject().put("username", user.username()).put("password", user.password())));
        assertThat(session.status()).as(session.text()).isEqualTo(200);
    }

    private static RequestOptions json(JsonObject body) {
        return RequestOptions.create().setHeader("Content-Type", "application/json").setData(body.encode());
    }
}

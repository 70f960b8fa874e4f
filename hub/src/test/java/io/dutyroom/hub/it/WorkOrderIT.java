package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.simulators.estate.SimulatedEstate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator fault opens its work order by itself, which is dispatched to the right engineer,
 * escalated when nobody accepts it in time, and carried through to its return visit and closing,
 * all on the timeline in order; a restart half-way duplicates and loses nothing.
 */
class WorkOrderIT {
    private static final Duration PERIOD = Duration.ofMillis(500);

    @TempDir
    Path dir;
    private HttpServer webhook;
    private final List<JsonObject> notifications = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/notify", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                notifications.add(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void aFaultOpensItsOrderWhichRunsOnTheClockToItsReturnVisitAcrossARestart() throws Exception {
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b1
                        floors: [B1, "1", "2"]
                        devices:
                          - {id: sump-1, profile: sump-pit, floor: B1}
                          - {id: lift-1, profile: elevator, floor: "1"}
                """);
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                timeZone: Asia/Shanghai
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: night, start: "20:00", end: "08:00"}
                engineers:
                  - {id: wang.wei, name: 王伟, skills: [electrician]}
                  - {id: li.na, name: 李娜, skills: [plumber, general]}
                  - {id: zhao.lei, name: 赵磊, skills: [general, supervisor]}
                  - {id: lift-co, name: 电梯维保, skills: [elevator-contractor], alwaysOnCall: true}
                duty:
                  - {shift: day, engineers: [wang.wei, li.na, zhao.lei]}
                  - {shift: night, engineers: [wang.wei, li.na, zhao.lei]}
                """);
        // the site's own time limits: nobody accepts within 2 s here, so the respond step escalates
        Path policies = Files.writeString(dir.resolve("policies.yaml"), """
                sites:
                  estate-a:
                    drainage-fault: {respond: 2s}
                """);
        try (SimulatedEstate sim = SimulatedEstate.prepare(YamlDocument.read("estate.yaml", Files.readAllBytes(estate)), 5, Clock.systemUTC());
             HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString())
                     .with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString())
                     .with("DUTYROOM_WORK_ORDERS_POLICIES", policies.toString())
                     .with("DUTYROOM_WORK_ORDERS_WEBHOOK", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/notify")
                     .with("DUTYROOM_WORK_ORDERS_CHECK_EVERY", "200ms").start()) {
            sim.connect(new SimulatedEstate.Options(TestServices.mqttUrl(), hub.topicRoot, PERIOD, 5, "sim-" + hub.schema));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.json("/api/v1/devices/sump-1").getJsonArray("points").size() > 0);
            assertThat(orders(hub, "sump-1")).isEmpty();

            // both sump pumps fail: the pump-trip alarm opens an order, dispatched to the plumber on duty
            sim.inject("sump-1", "sump-high-level", Map.of(), null);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(orders(hub, "sump-1")).hasSize(1));
            JsonObject order = orders(hub, "sump-1").getJsonObject(0);
            String id = order.getString("id");
            assertThat(order.getString("policy")).isEqualTo("drainage-fault");
            assertThat(order.getString("category")).isEqualTo("drainage");
            assertThat(order.getString("state")).isEqualTo("dispatched");
            assertThat(order.getString("assignee")).isEqualTo("li.na");
            assertThat(order.getString("fault")).isEqualTo("pump-trip");

            // nobody accepts: a warning, then a breach, each once, to the supervisor and the engineer
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(story(hub, id)).contains("workorder.sla-warning respond", "workorder.sla-breached respond"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(types(notifications)).contains("dispatched", "sla-breached"));
            JsonObject breach = notifications.stream().filter(n -> n.getString("type").equals("sla-breached")).findFirst().orElseThrow();
            assertThat(breach.getJsonObject("workOrder").getString("id")).isEqualTo(id);
            assertThat(breach.getString("step")).isEqualTo("respond");
            assertThat(breach.getJsonArray("recipients").stream().map(r -> ((JsonObject) r).getString("id"))).contains("zhao.lei", "li.na");

            // the flooding-risk alarm of the same pit joins the open order instead of opening another
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(story(hub, id)).contains("workorder.alarm-linked"));
            assertThat(orders(hub, "sump-1")).hasSize(1);

            // the wrong engineer cannot accept it, and nobody resolves an order nobody accepted
            assertThat(hub.post("/api/v1/work-orders/" + id + "/accept", new JsonObject().put("user", "wang.wei")).statusCode()).isEqualTo(409);
            HttpResponse<String> early = hub.post("/api/v1/work-orders/" + id + "/resolve", new JsonObject().put("user", "li.na").put("note", "x"));
            assertThat(early.statusCode()).isEqualTo(409);
            assertThat(early.body()).contains("nobody has accepted it yet");
            assertThat(hub.post("/api/v1/work-orders/" + id + "/accept", new JsonObject().put("user", "li.na")).statusCode()).isEqualTo(200);

            // the hub restarts half-way; the alarms are still active
            hub.stop();
            long eventsBefore = hub.count("SELECT count(*) FROM timeline_event WHERE payload->>'workOrderId' = '" + id + "'");
            hub.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.json("/api/v1/alarms").getJsonArray("alarms").size() > 0);
            assertThat(orders(hub, "sump-1")).as("no second order after the restart").hasSize(1);
            assertThat(hub.count("SELECT count(*) FROM work_order")).isEqualTo(1);
            assertThat(hub.count("SELECT count(*) FROM timeline_event WHERE payload->>'workOrderId' = '" + id + "'"))
                    .as("no escalation raised twice, nothing re-linked").isEqualTo(eventsBefore);

            // the one-open-order rule is the database's, not only the hub's
            assertThatThrownBy(() -> sql(hub, "INSERT INTO work_order (id, site_id, source, origin, policy, category, priority, fault,"
                    + " summary, state, created_at, created_by, updated_at, skill, limits) VALUES ('WO-X', 'estate-a', 'sump-1', 'alarm',"
                    + " 'drainage-fault', 'drainage', 'high', 'pump-trip', '{}', 'created', now(), 'test', now(), 'plumber', '{}')")).hasMessageContaining("work_order_one_open_per_source_idx");
            // a drill's order on the same equipment is kept apart from the real one
            sql(hub, "INSERT INTO work_order (id, site_id, source, origin, policy, category, priority, skill, limits, fault, summary, state,"
                    + " created_at, created_by, updated_at, drill) VALUES ('WO-D', 'estate-a', 'sump-1', 'alarm', 'drainage-fault', 'drainage',"
                    + " 'high', 'plumber', '{}', 'pump-trip', '{}', 'cancelled', now(), 'test', now(), 'flood-drill')");
            sql(hub, "UPDATE work_order SET state = 'created' WHERE id = 'WO-D'");
            sql(hub, "DELETE FROM work_order WHERE id = 'WO-D'");

            assertThat(hub.post("/api/v1/work-orders/" + id + "/arrive", new JsonObject().put("user", "li.na")).statusCode()).isEqualTo(200);
            sim.inject("sump-1", "clear", Map.of(), null);
            HttpResponse<String> resolved = hub.post("/api/v1/work-orders/" + id + "/resolve",
                    new JsonObject().put("user", "li.na").put("note", "float switch freed, pump 1 contactor replaced"));
            assertThat(resolved.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(resolved.body()).getJsonObject("sla").getJsonObject("returnVisit").getString("status")).isEqualTo("running");
            assertThat(hub.post("/api/v1/work-orders/" + id + "/close", new JsonObject().put("user", "zhao.lei")).statusCode())
                    .as("closed only after the return visit").isEqualTo(409);
            assertThat(hub.post("/api/v1/work-orders/" + id + "/return-visit",
                    new JsonObject().put("user", "zhao.lei").put("rating", 9).put("fixed", true)).statusCode()).isEqualTo(400);
            assertThat(hub.post("/api/v1/work-orders/" + id + "/return-visit",
                    new JsonObject().put("user", "zhao.lei").put("rating", 5).put("fixed", true).put("note", "pit dry, pumps on auto")).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> closed = hub.post("/api/v1/work-orders/" + id + "/close", new JsonObject().put("user", "zhao.lei"));
            assertThat(closed.statusCode()).isEqualTo(200);
            JsonObject done = new JsonObject(closed.body());
            assertThat(done.getString("state")).isEqualTo("closed");
            assertThat(done.getInteger("rating")).isEqualTo(5);
            assertThat(done.getJsonObject("sla").getJsonObject("respond").getString("status")).isEqualTo("missed");
            assertThat(done.getJsonObject("sla").getJsonObject("arrive").getString("status")).isEqualTo("met");

            // the whole story, in order
            List<String> story = story(hub, id);
            assertThat(story).containsSubsequence("workorder.created", "workorder.dispatched li.na", "workorder.sla-warning respond",
                    "workorder.sla-breached respond", "workorder.accepted", "workorder.arrived", "workorder.resolved", "workorder.return-visited",
                    "workorder.closed");
            assertThat(story.stream().filter(s -> s.startsWith("workorder.sla-breached respond"))).hasSize(1);

            // the report counts the missed respond step; the export has the order
            JsonObject report = hub.json("/api/v1/work-orders/report");
            JsonObject respond = report.getJsonArray("slaCompliance").stream().map(JsonObject.class::cast)
                    .filter(r -> r.getString("category").equals("drainage") && r.getString("step").equals("respond")).findFirst().orElseThrow();
            assertThat(respond.getLong("missed")).isEqualTo(1);
            assertThat(report.getJsonObject("meanSeconds").getDouble("toAccept")).isPositive();
            String csv = hub.get("/api/v1/work-orders/export.csv").body();
            assertThat(csv.lines().skip(1).filter(l -> l.startsWith(id + ","))).singleElement().asString().contains(",missed,met,met,met,5,");
        }
    }

    @Test
    void aFaultThatComesBackReopensItsOrderAndACancelledOrderStaysCancelled() throws Exception {
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b1
                        floors: ["1", "2", "3", "4", "5", "6"]
                        devices:
                          - {id: lift-1, profile: elevator, floor: "1"}
                """);
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                timeZone: UTC
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: night, start: "20:00", end: "08:00"}
                engineers:
                  - {id: zhao.lei, skills: [general, supervisor]}
                  - {id: lift-co, skills: [elevator-contractor], alwaysOnCall: true}
                duty:
                  - {shift: day, engineers: [zhao.lei]}
                  - {shift: night, engineers: [zhao.lei]}
                """);
        try (SimulatedEstate sim = SimulatedEstate.prepare(YamlDocument.read("estate.yaml", Files.readAllBytes(estate)), 9, Clock.systemUTC());
             HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString())
                     .with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString()).with("DUTYROOM_WORK_ORDERS_CHECK_EVERY", "200ms").start()) {
            sim.connect(new SimulatedEstate.Options(TestServices.mqttUrl(), hub.topicRoot, PERIOD, 9, "sim-" + hub.schema));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.json("/api/v1/devices/lift-1").getJsonArray("points").size() > 0);

            sim.inject("lift-1", "door-fault", Map.of(), null);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(orders(hub, "lift-1")).hasSize(1));
            JsonObject order = orders(hub, "lift-1").getJsonObject(0);
            String id = order.getString("id");
            assertThat(order.getString("assignee")).isEqualTo("lift-co");
            assertThat(order.getBoolean("outOfService")).isTrue();
            post(hub, id, "accept", new JsonObject().put("user", "lift-co"));
            post(hub, id, "arrive", new JsonObject().put("user", "lift-co"));
            // the contractor works on the lift: its alarms are out of service meanwhile
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(hub.json("/api/v1/alarms?device=lift-1&state=out-of-service").getJsonArray("alarms")).isNotEmpty());
            sim.inject("lift-1", "clear", Map.of(), null);
            // the fault is gone before the contractor signs off
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hub.json("/api/v1/alarms?device=lift-1").getJsonArray("alarms")
                    .stream().map(JsonObject.class::cast).noneMatch(a -> a.getBoolean("conditionActive"))).isTrue());
            post(hub, id, "resolve", new JsonObject().put("user", "lift-co").put("note", "door operator belt replaced"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(hub.json("/api/v1/alarms?device=lift-1&state=out-of-service").getJsonArray("alarms")).isEmpty());

            // before the return visit the door fails again: the same order goes round again, not a new one
            sim.inject("lift-1", "door-fault", Map.of(), null);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonObject again = hub.json("/api/v1/work-orders/" + id);
                assertThat(again.getString("state")).isEqualTo("dispatched");
                assertThat(again.getInteger("reopenCount")).isEqualTo(1);
                assertThat(again.getString("assignee")).isEqualTo("lift-co");
            });
            assertThat(orders(hub, "lift-1")).hasSize(1);

            // the contractor comes, and the desk cancels the order while the fault stands: the alarm is back
            // in view, and no new order is opened behind the desk's back
            post(hub, id, "accept", new JsonObject().put("user", "lift-co"));
            post(hub, id, "arrive", new JsonObject().put("user", "lift-co"));
            post(hub, id, "cancel", new JsonObject().put("user", "zhao.lei").put("reason", "the lift company takes it under its own contract"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(hub.json("/api/v1/alarms?device=lift-1&state=unacknowledged").getJsonArray("alarms")).isNotEmpty());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(orders(hub, "lift-1")).hasSize(1));
        }
    }

    private static void post(HubFixture hub, String id, String step, JsonObject body) {
        HttpResponse<String> response = hub.post("/api/v1/work-orders/" + id + "/" + step, body);
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
    }

    @Test
    void ordersByHandFollowTheSameStepsAndBadCallsAreRefusedClearly() throws Exception {
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                timeZone: UTC
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: night, start: "20:00", end: "08:00"}
                engineers:
                  - {id: li.na, skills: [general, plumber]}
                duty:
                  - {shift: day, engineers: [li.na]}
                  - {shift: night, engineers: [li.na]}
                """);
        try (HubFixture hub = new HubFixture().with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString()).start()) {
            String site = "estate-a"; // it-estate.yaml
            HttpResponse<String> created = hub.post("/api/v1/work-orders", new JsonObject().put("user", "desk.chen").put("site", site)
                    .put("source", "B2 car park ramp").put("origin", "complaint").put("summary", "坡道排水沟堵塞 / ramp drain blocked"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonObject order = new JsonObject(created.body());
            assertThat(order.getString("state")).isEqualTo("dispatched");
            assertThat(order.getString("assignee")).isEqualTo("li.na");
            assertThat(order.getString("origin")).isEqualTo("complaint");
            String id = order.getString("id");
            assertThat(hub.post("/api/v1/work-orders/" + id + "/comments", new JsonObject().put("user", "li.na").put("text", "on my way"))
                    .statusCode()).isEqualTo(201);
            JsonObject attached = new JsonObject(hub.post("/api/v1/work-orders/" + id + "/attachments", new JsonObject().put("user", "li.na")
                    .put("url", "https://photos.example/ramp.jpg").put("name", "drain before")).body());
            assertThat(attached.getJsonArray("attachments")).hasSize(1);

            // shift handover: the outgoing engineer's note, with the open orders passed on
            HttpResponse<String> handover = hub.post("/api/v1/roster/handover", new JsonObject().put("user", "li.na").put("site", site)
                    .put("note", "ramp drain still blocked; cleaners told"));
            assertThat(handover.statusCode()).as(handover.body()).isEqualTo(201);
            JsonObject handed = new JsonObject(handover.body());
            assertThat(handed.getString("kind")).isEqualTo("shift.handover");
            assertThat(handed.getJsonObject("payload").getJsonArray("openOrders").stream().map(o -> ((JsonObject) o).getString("id"))).contains(id);

            assertThat(hub.post("/api/v1/work-orders/" + id + "/cancel", new JsonObject().put("user", "desk.chen").put("reason", "cleared by the cleaners"))
                    .statusCode()).isEqualTo(200);
            assertThat(hub.post("/api/v1/work-orders/" + id + "/accept", new JsonObject().put("user", "li.na")).body()).contains("cancelled");

            assertThat(hub.post("/api/v1/work-orders", new JsonObject().put("user", "desk").put("source", "x").put("summary", "y")
                    .put("policy", "no-such-policy").put("site", site)).statusCode()).isEqualTo(409);
            assertThat(hub.post("/api/v1/work-orders", new JsonObject().put("user", "desk").put("source", "x").put("summary", "y")
                    .put("origin", "alarm").put("site", site)).statusCode()).isEqualTo(400);
            assertThat(hub.post("/api/v1/work-orders/" + id + "/dispatch", new JsonObject().put("user", "desk").put("assignee", "nobody"))
                    .statusCode()).isEqualTo(409);
            assertThat(hub.post("/api/v1/work-orders/WO-999999/accept", new JsonObject().put("user", "li.na")).statusCode()).isEqualTo(404);
            assertThat(hub.get("/api/v1/work-orders?state=lost").statusCode()).isEqualTo(400);
            assertThat(hub.json("/api/v1/roster").getJsonObject("now").getJsonArray("onDuty")).hasSize(1);

            // the same fault on the same equipment a third time this quarter is flagged, and listed in the report
            JsonObject third = null;
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> again = hub.post("/api/v1/work-orders", new JsonObject().put("user", "desk.chen").put("site", site)
                        .put("source", "pump-1").put("fault", "seal-leak").put("summary", "泵体漏水 / pump seal leaking"));
                assertThat(again.statusCode()).isEqualTo(201);
                third = new JsonObject(again.body());
                assertThat(third.getString("building")).as("taken from the registry").isEqualTo("b1");
            }
            assertThat(third.getInteger("recurrence")).isEqualTo(3);
            assertThat(third.getBoolean("recurring")).isTrue();
            JsonArray recurring = hub.json("/api/v1/work-orders/report").getJsonObject("recurrence").getJsonArray("sources");
            assertThat(recurring.stream().map(JsonObject.class::cast).map(r -> r.getString("source") + "/" + r.getString("fault") + "/" + r.getLong("orders")))
                    .containsExactly("pump-1/seal-leak/3");
        }
    }

    private static JsonArray orders(HubFixture hub, String source) {
        return hub.json("/api/v1/work-orders?source=" + source).getJsonArray("workOrders");
    }

    /** The order's events, oldest first, as "kind" plus the step or the assignee where they matter. */
    private static List<String> story(HubFixture hub, String id) {
        JsonArray events = hub.json("/api/v1/timeline?limit=500").getJsonArray("events");
        List<String> story = events.stream().map(JsonObject.class::cast)
                .filter(e -> id.equals(e.getJsonObject("payload").getString("workOrderId")))
                .map(e -> {
                    JsonObject p = e.getJsonObject("payload");
                    String kind = e.getString("kind");
                    if (kind.startsWith("workorder.sla-")) {
                        return kind + " " + p.getString("step");
                    }
                    return kind.equals("workorder.dispatched") ? kind + " " + p.getString("assignee") : kind;
                })
                .collect(Collectors.toList());
        java.util.Collections.reverse(story);
        return story;
    }

    private static List<String> types(List<JsonObject> notes) {
        return notes.stream().map(n -> n.getString("type")).toList();
    }

    private static void sql(HubFixture hub, String statement) throws SQLException {
        TestServices.Db db = TestServices.db();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + hub.schema);
            s.execute(statement);
        }
    }
}

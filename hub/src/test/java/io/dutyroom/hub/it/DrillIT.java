package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.simulators.estate.ControlServer;
import io.dutyroom.simulators.estate.SimulatedEstate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill from the hub's API through real parts: the simulated estate and its control API, the
 * broker, the hub's rules, alarms and work orders. The duty room acknowledges the drill's alarm and
 * the contractor takes its order through accept, arrive and resolve; the drill is scored on those
 * times against the policy's limits, across a restart of the hub, and real alarms never see it.
 */
class DrillIT {
    private static final Duration PERIOD = Duration.ofMillis(500);
    private static final String ESTATE = """
            sites:
              - id: estate-a
                buildings:
                  - id: b1
                    floors: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
                    devices:
                      - {id: lift-1, profile: elevator, floor: "1"}
                  - id: b2
                    floors: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
                    devices:
                      - {id: lift-2a, profile: elevator, floor: "1"}
                      - {id: lift-2b, profile: elevator, floor: "1"}
                  - id: b3
                    floors: [B1, "1"]
                    devices:
                      - {id: pumps-3, profile: water-pump-set, floor: B1}
            """;
    private static final String ROSTER = """
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
            """;

    @TempDir
    Path dir;

    @Test
    void aDrillStartedInABuildingIsWatchedAndScoredOnTheDutyRoomsRealSteps() throws Exception {
        Path estate = Files.writeString(dir.resolve("estate.yaml"), ESTATE);
        Path roster = Files.writeString(dir.resolve("roster.yaml"), ROSTER);
        try (SimulatedEstate sim = SimulatedEstate.prepare(YamlDocument.read("estate.yaml", Files.readAllBytes(estate)), 11, Clock.systemUTC());
             ControlServer control = ControlServer.start(sim, 0, Clock.systemUTC());
             HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString())
                     .with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString())
                     .with("DUTYROOM_PROFILES", quickEntrapment(dir).toString())
                     .with("DUTYROOM_SIMULATION_CONTROL_URL", "http://127.0.0.1:" + control.port())
                     .with("DUTYROOM_DRILLS_CHECK_EVERY", "200ms").start()) {
            sim.connect(new SimulatedEstate.Options(TestServices.mqttUrl(), hub.topicRoot, PERIOD, 11, "sim-" + hub.schema));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.json("/api/v1/devices/lift-2a").getJsonArray("points").size() > 0);
            JsonObject realBefore = realCounts(hub);

            // what can be started where: the entrapment drill needs a lift, which b3 has not
            JsonObject offer = hub.json("/api/v1/drills");
            assertThat(offer.getBoolean("available")).isTrue();
            JsonObject entrapment = offer.getJsonArray("scenarios").stream().map(JsonObject.class::cast)
                    .filter(s -> s.getString("id").equals("elevator-entrapment")).findFirst().orElseThrow();
            assertThat(entrapment.getJsonObject("name").getString("zh")).isEqualTo("电梯困人救援演练");
            assertThat(entrapment.getJsonArray("buildings").stream().map(b -> ((JsonObject) b).getString("id"))).containsExactly("b1", "b2");
            assertThat(offer.getJsonArray("drills")).isEmpty();

            // bad requests and a building without a lift, before anything is started
            assertError(start(hub, "tea-break", "b2"), 400, "bad_parameter", "scenario");
            assertError(start(hub, "elevator-entrapment", "b9"), 400, "bad_parameter", "building");
            HttpResponse<String> noLift = start(hub, "elevator-entrapment", "b3");
            assertError(noLift, 409, "conflict", null);
            assertThat(noLift.body()).contains("building b3 has no elevator");

            // the drill starts in b2: its first lift plays the trapped car, not b1's
            HttpResponse<String> started = start(hub, "elevator-entrapment", "b2");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            JsonObject drill = new JsonObject(started.body());
            String id = drill.getString("id");
            assertThat(id).matches("elevator-entrapment-\\d{8}T\\d{6}(-\\d+)?");
            assertThat(drill.getString("state")).isEqualTo("running");
            assertThat(drill.getString("site")).isEqualTo("estate-a");
            assertThat(drill.getString("building")).isEqualTo("b2");
            assertThat(drill.getString("startedBy")).isEqualTo("zhao.lei");
            assertThat(drill.getJsonObject("devices")).isEqualTo(new JsonObject().put("lift", "lift-2a"));
            assertThat(drill.getJsonObject("score").getInteger("of")).isEqualTo(4);
            assertThat(drill.getValue("scoredAt")).isNull();
            assertError(start(hub, "elevator-entrapment", "b2"), 409, "conflict", null);

            // the trapped car raises a drill alarm, kept apart from the real ones
            await().atMost(Duration.ofSeconds(30)).until(() -> !hub.json("/api/v1/drills/" + id).getJsonArray("alarms").isEmpty());
            String alarmId = hub.json("/api/v1/drills/" + id).getJsonArray("alarms").getString(0);
            JsonObject alarm = hub.json("/api/v1/alarms/" + alarmId);
            assertThat(alarm.getString("drill")).isEqualTo(id);
            assertThat(alarm.getString("device")).isEqualTo("lift-2a");
            assertThat(hub.post("/api/v1/alarms/" + alarmId + "/acknowledge", new JsonObject().put("user", "zhao.lei")).statusCode()).isEqualTo(200);

            // its drill order goes to the lift contractor; the score fills in as the drill runs
            await().atMost(Duration.ofSeconds(30)).until(() -> !hub.json("/api/v1/drills/" + id).getJsonArray("workOrders").isEmpty());
            String orderId = hub.json("/api/v1/drills/" + id).getJsonArray("workOrders").getString(0);
            JsonObject order = hub.json("/api/v1/work-orders/" + orderId);
            assertThat(order.getString("drill")).isEqualTo(id);
            assertThat(order.getString("policy")).isEqualTo("elevator-entrapment");
            assertThat(order.getString("assignee")).isEqualTo("lift-co");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonObject running = hub.json("/api/v1/drills/" + id);
                assertThat(running.getString("state")).isEqualTo("running");
                assertThat(step(running, "acknowledge").getValue("at")).isNotNull();
                assertThat(step(running, "dispatch").getValue("at")).isNotNull();
                assertThat(step(running, "arrive").getValue("at")).isNull();
            });

            // the lift is taken out of service and back while the car is still stuck: its alarm is
            // announced again and waits for a new acknowledgement, but the drill keeps the first one
            // (the order's resolve does the same when it brings the lift back in service)
            post(hub, "/api/v1/devices/lift-2a/out-of-service", new JsonObject().put("user", "zhao.lei").put("reason", "drill: rescue under way"));
            post(hub, "/api/v1/devices/lift-2a/return-to-service", new JsonObject().put("user", "zhao.lei"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.json("/api/v1/alarms/" + alarmId).getString("state").equals("unacknowledged"));
            assertThat(hub.json("/api/v1/alarms/" + alarmId).getValue("acknowledgedAt")).isNull();
            String acknowledged = step(hub.json("/api/v1/drills/" + id), "acknowledge").getString("at");
            assertThat(acknowledged).as("the first acknowledgement stays the drill's").isNotNull();

            // the hub restarts mid-drill, and goes on watching it
            hub.stop();
            hub.start();
            post(hub, "/api/v1/work-orders/" + orderId + "/accept", new JsonObject().put("user", "lift-co"));
            post(hub, "/api/v1/work-orders/" + orderId + "/arrive", new JsonObject().put("user", "lift-co"));
            post(hub, "/api/v1/work-orders/" + orderId + "/resolve", new JsonObject().put("user", "lift-co").put("note", "car levelled at 7F, passenger out"));

            // on a failure, say what the drill and its order looked like, not only that time ran out
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hub.json("/api/v1/drills/" + id).getString("state"))
                    .as(() -> "drill " + hub.json("/api/v1/drills/" + id).encodePrettily() + "\norder " + hub.json("/api/v1/work-orders/" + orderId).encodePrettily())
                    .isEqualTo("scored"));
            JsonObject scored = hub.json("/api/v1/drills/" + id);
            assertThat(scored.getString("scoredAt")).isNotNull();
            assertThat(scored.getJsonArray("alarms")).contains(alarmId);
            assertThat(scored.getJsonArray("workOrders")).containsExactly(orderId);
            JsonObject score = scored.getJsonObject("score");
            assertThat(score.getInteger("met")).isEqualTo(4);
            assertThat(score.getInteger("of")).isEqualTo(4);
            // limits: the acknowledge setting's default and the shipped elevator-entrapment policy's respond, arrive, resolve
            double[] limits = {180, 300, 1800, 7200};
            String[] names = {"acknowledge", "dispatch", "arrive", "release"};
            double previous = -1;
            for (int i = 0; i < names.length; i++) {
                JsonObject step = step(scored, names[i]);
                assertThat(step.getDouble("limitSeconds")).as(names[i]).isEqualTo(limits[i]);
                assertThat(step.getBoolean("met")).as(names[i]).isTrue();
                assertThat(Instant.parse(step.getString("at"))).as(names[i]).isBeforeOrEqualTo(Instant.parse(scored.getString("scoredAt")));
                if (i >= 2) { // dispatch comes with the order, before or after the acknowledgement; arrive and release follow in order
                    assertThat(step.getDouble("seconds")).as(names[i]).isGreaterThanOrEqualTo(previous);
                }
                previous = Math.max(previous, step.getDouble("seconds"));
                assertThat(step.getDouble("seconds")).as(names[i]).isBetween(0.0, 120.0);
            }

            // the timeline tells it: started by whom, scored with the score
            List<JsonObject> events = hub.json("/api/v1/timeline?kind=drill.*").getJsonArray("events").stream().map(JsonObject.class::cast).toList();
            assertThat(events.stream().map(e -> e.getString("kind"))).containsExactly("drill.scored", "drill.started");
            JsonObject startedEvent = events.get(1);
            assertThat(startedEvent.getString("subject")).isEqualTo(id);
            assertThat(startedEvent.getJsonObject("payload").getString("scenario")).isEqualTo("elevator-entrapment");
            assertThat(startedEvent.getJsonObject("payload").getString("building")).isEqualTo("b2");
            assertThat(startedEvent.getJsonObject("payload").getString("by")).isEqualTo("zhao.lei");
            assertThat(events.get(0).getJsonObject("payload").getJsonObject("score").getInteger("met")).isEqualTo(4);

            // real alarms and work-order figures never saw the drill
            assertThat(realCounts(hub)).isEqualTo(realBefore);
            assertThat(hub.json("/api/v1/alarms").getJsonObject("counts").getInteger("drill")).isPositive();
            assertThat(hub.json("/api/v1/work-orders/report").getInteger("orders")).isZero();

            JsonArray drills = hub.json("/api/v1/drills").getJsonArray("drills");
            assertThat(drills.getJsonObject(0).getString("id")).isEqualTo(id);
            assertThat(hub.get("/api/v1/drills/no-such-drill").statusCode()).isEqualTo(404);

            // the simulator stops answering: drills are unavailable, and the record stays
            control.close();
            HttpResponse<String> away = start(hub, "elevator-entrapment", "b1");
            assertError(away, 503, "unavailable", null);
            assertThat(away.body()).contains("does not answer");
            JsonObject without = hub.json("/api/v1/drills");
            assertThat(without.getBoolean("available")).isFalse();
            assertThat(without.getString("reason")).contains("does not answer");
            assertThat(without.getJsonArray("drills")).hasSize(1);
        }
    }

    @Test
    void withoutASimulatorDrillsAreUnavailableAndSaySo() {
        try (HubFixture hub = new HubFixture().start()) {
            JsonObject offer = hub.json("/api/v1/drills");
            assertThat(offer.getBoolean("available")).isFalse();
            assertThat(offer.getJsonArray("scenarios")).isEmpty();
            assertThat(offer.getJsonArray("drills")).isEmpty();
            HttpResponse<String> refused = start(hub, "elevator-entrapment", "b1");
            assertError(refused, 503, "unavailable", null);
            assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("message"))
                    .isEqualTo("drills need the simulator's control API (simulation.controlUrl); none is configured");
        }
    }

    /** The shipped lift profile with a 1 s entrapment delay in place of 30 s, as an operator's profile directory would hold it. */
    /** The shipped lift profile with the entrapment alarm's 30 s delay cut to 1 s, in a profiles folder under dir. */
    static Path quickEntrapment(Path dir) throws Exception {
        String shipped;
        try (InputStream in = DrillIT.class.getClassLoader().getResourceAsStream("profiles/elevator.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String quick = shipped.replaceFirst("onDelay: 30s", "onDelay: 1s");
        assertThat(quick).isNotEqualTo(shipped);
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("elevator.yaml"), quick);
        return profiles;
    }

    private static HttpResponse<String> start(HubFixture hub, String scenario, String building) {
        return hub.post("/api/v1/drills", new JsonObject().put("user", "zhao.lei").put("scenario", scenario).put("building", building));
    }

    private static void post(HubFixture hub, String path, JsonObject body) {
        HttpResponse<String> response = hub.post(path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String parameter) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("parameter")).isEqualTo(parameter);
    }

    private static JsonObject step(JsonObject drill, String name) {
        return drill.getJsonObject("score").getJsonArray("steps").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("step").equals(name)).findFirst().orElseThrow();
    }

    /** The real alarms' counts: every count but the drill one. */
    private static JsonObject realCounts(HubFixture hub) {
        JsonObject counts = hub.json("/api/v1/alarms").getJsonObject("counts").copy();
        counts.remove("drill");
        return counts;
    }
}

package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.embedded.PortProbe;
import io.dutyroom.simulators.estate.SimulatedEstate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's faults, through the real broker and the real Modbus path, raise exactly the alarms
 * the profiles promise, and their alarms return to normal when the faults clear; people act on them
 * through the API, and every step is on the timeline.
 */
class AlarmIT {
    private static final Duration PERIOD = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void eachSimulatorFaultRaisesItsAlarmAndClearsWithIt() throws Exception {
        int gatewayPort = PortProbe.freePort("127.0.0.1");
        String estateYaml = """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b1
                        floors: [B1, "1", "2", "3", "4", "5", "6", "7", "8"]
                        devices:
                          - {id: lift-1, profile: elevator, floor: "1"}
                          - {id: pumps-1, profile: water-pump-set, floor: B1}
                          - {id: sump-1, profile: sump-pit, floor: B1}
                          - {id: panel-1, profile: fire-alarm-panel, floor: "1"}
                          - {id: door-1, profile: access-door, floor: "1"}
                          - {id: door-2, profile: access-door, floor: "1"}
                          - {id: incomer-1, profile: power-distribution, floor: B1, modbus: {host: 127.0.0.1, port: %1$d, unitId: 1, interval: 500ms, timeout: 300ms, commLossAfter: 2}}
                          - {id: incomer-2, profile: power-distribution, floor: B1, modbus: {host: 127.0.0.1, port: %1$d, unitId: 2, interval: 500ms, timeout: 300ms, commLossAfter: 2}}
                """.formatted(gatewayPort);
        Path estate = Files.writeString(dir.resolve("estate.yaml"), estateYaml);
        try (SimulatedEstate sim = SimulatedEstate.prepare(YamlDocument.read("estate.yaml", Files.readAllBytes(estate)), 7, Clock.systemUTC());
             HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString()).start()) {
            sim.connect(new SimulatedEstate.Options(TestServices.mqttUrl(), hub.topicRoot, PERIOD, 7, "sim-" + hub.schema));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.json("/api/v1/devices/incomer-2").getJsonArray("points").size() > 0
                    && hub.json("/api/v1/devices/door-2").getJsonArray("points").size() > 0);
            assertThat(visible(hub)).as("a healthy estate raises nothing").isEmpty();

            sim.inject("pumps-1", "pump-trip", Map.of(), null);
            sim.inject("sump-1", "sump-high-level", Map.of(), null);
            sim.inject("lift-1", "entrapment", Map.of("floor", 7), null);
            sim.inject("incomer-1", "under-voltage", Map.of(), null);
            sim.inject("panel-1", "fire-alarm", Map.of("zone", "Z02"), null);
            sim.inject("door-1", "door-forced", Map.of(), null);
            sim.inject("door-2", "door-held", Map.of(), "night-patrol-drill");

            Set<String> expected = Set.of("pumps-1/pump-trip", "sump-1/pump-trip", "sump-1/flooding-risk", "lift-1/entrapment",
                    "incomer-1/under-voltage", "panel-1/fire-alarm", "door-1/door-forced", "door-2/door-held-open");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(visible(hub)).isEqualTo(expected));
            // causes shown elsewhere are suppressed by design, not announced
            assertThat(inState(hub, "suppressed")).contains("lift-1/stopped-outside-leveling-zone", "sump-1/high-level");

            JsonObject list = hub.json("/api/v1/alarms");
            JsonObject entrapment = alarm(list, "lift-1", "entrapment");
            assertThat(entrapment.getString("priority")).isEqualTo("urgent");
            assertThat(entrapment.getString("state")).isEqualTo("unacknowledged");
            assertThat(entrapment.getJsonObject("values").getInteger("floor")).as(entrapment.encodePrettily()).isEqualTo(7);
            assertThat(entrapment.getJsonObject("message").getString("en")).contains("passenger trapped near floor 7");
            assertThat(entrapment.getString("workOrderPolicy")).isEqualTo("elevator-entrapment");
            assertThat(alarm(list, "door-2", "door-held-open").getString("drill")).isEqualTo("night-patrol-drill");
            assertThat(list.getJsonObject("counts").getInteger("drill")).isEqualTo(1);
            assertThat(list.getJsonObject("counts").getInteger("open")).as("drill alarms are never counted with real ones")
                    .isEqualTo(list.getJsonArray("alarms").size() - 1);
            assertThat(hub.json("/api/v1/alarms?drill=exclude").getJsonArray("alarms")).hasSize(list.getJsonArray("alarms").size() - 1);
            // the urgent ones come first
            assertThat(list.getJsonArray("alarms").getJsonObject(0).getString("priority")).isEqualTo("urgent");

            // a person acts: acknowledge, a second acknowledge is refused, comments and shelving are recorded
            String liftAlarm = entrapment.getString("id");
            assertThat(hub.post("/api/v1/alarms/" + liftAlarm + "/acknowledge", new JsonObject().put("user", "wang.wei")).statusCode()).isEqualTo(200);
            HttpResponse<String> again = hub.post("/api/v1/alarms/" + liftAlarm + "/acknowledge", new JsonObject().put("user", "wang.wei"));
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("already acknowledged");
            assertThat(hub.post("/api/v1/alarms/" + liftAlarm + "/acknowledge", new JsonObject()).statusCode()).isEqualTo(400);
            assertThat(hub.post("/api/v1/alarms/no-such-alarm/acknowledge", new JsonObject().put("user", "x")).statusCode()).isEqualTo(404);
            assertThat(hub.post("/api/v1/alarms/" + liftAlarm + "/comments",
                    new JsonObject().put("user", "wang.wei").put("text", "contractor called, on the way")).statusCode()).isEqualTo(201);
            String doorAlarm = alarm(list, "door-1", "door-forced").getString("id");
            HttpResponse<String> shelved = hub.post("/api/v1/alarms/" + doorAlarm + "/shelve",
                    new JsonObject().put("user", "li.na").put("reason", "door closer being replaced").put("for", "2h"));
            assertThat(shelved.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(shelved.body()).getString("state")).isEqualTo("shelved");
            assertThat(hub.post("/api/v1/alarms/" + doorAlarm + "/unshelve", new JsonObject().put("user", "li.na")).statusCode()).isEqualTo(200);

            // the faults clear: every alarm's condition returns
            for (String device : List.of("pumps-1", "sump-1", "lift-1", "incomer-1", "panel-1", "door-1", "door-2")) {
                sim.inject(device, device.equals("lift-1") ? "release" : "clear", Map.of(), null);
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonArray open = hub.json("/api/v1/alarms").getJsonArray("alarms");
                for (int i = 0; i < open.size(); i++) {
                    assertThat(open.getJsonObject(i).getBoolean("conditionActive")).as(key(open.getJsonObject(i))).isFalse();
                }
            });
            JsonObject afterClear = hub.json("/api/v1/alarms");
            assertThat(alarm(afterClear, "lift-1", "entrapment").getString("state")).as("acknowledged, then cleared: gone")
                    .isNull();
            assertThat(alarm(afterClear, "pumps-1", "pump-trip").getString("state")).isEqualTo("returned-unacknowledged");
            JsonObject fire = alarm(afterClear, "panel-1", "fire-alarm");
            assertThat(fire.getString("state")).as("a fire alarm latches").isEqualTo("unacknowledged");
            String fireId = fire.getString("id");
            assertThat(hub.post("/api/v1/alarms/" + fireId + "/reset", new JsonObject().put("user", "zhao.lei")).statusCode()).isEqualTo(409);
            assertThat(hub.post("/api/v1/alarms/" + fireId + "/acknowledge", new JsonObject().put("user", "zhao.lei")).statusCode()).isEqualTo(200);
            assertThat(hub.post("/api/v1/alarms/" + fireId + "/reset", new JsonObject().put("user", "zhao.lei")).statusCode()).isEqualTo(200);
            String pumpAlarm = alarm(afterClear, "pumps-1", "pump-trip").getString("id");
            assertThat(hub.post("/api/v1/alarms/" + pumpAlarm + "/acknowledge", new JsonObject().put("user", "wang.wei")).statusCode()).isEqualTo(200);
            assertThat(hub.json("/api/v1/alarms/" + pumpAlarm).getString("closedAt")).isNotNull();
            assertThat(hub.json("/api/v1/alarms/" + fireId).getString("closedAt")).isNotNull();

            // the whole story of the lift's alarm, in order, with who did what
            JsonArray events = hub.json("/api/v1/timeline?device=lift-1&limit=100").getJsonArray("events");
            List<String> liftStory = events.stream().map(JsonObject.class::cast)
                    .filter(e -> e.getString("kind").startsWith("alarm.") && liftAlarm.equals(e.getJsonObject("payload").getString("alarmId")))
                    .map(e -> e.getString("kind") + (e.getJsonObject("payload").containsKey("by") ? " by " + e.getJsonObject("payload").getString("by") : ""))
                    .collect(Collectors.toList());
            java.util.Collections.reverse(liftStory);
            assertThat(liftStory).containsExactly("alarm.raised", "alarm.acknowledged by wang.wei", "alarm.commented by wang.wei", "alarm.cleared");

            // the alarm-management report is computed from the timeline, drills left out
            JsonObject report = hub.json("/api/v1/alarms/report");
            assertThat(report.getLong("alarmsRaised")).isEqualTo(7);
            assertThat(report.getJsonObject("timeToAcknowledge").getLong("acknowledged")).isEqualTo(3);
            assertThat(report.getJsonArray("mostFrequent").stream().map(JsonObject.class::cast).map(r -> r.getString("device")))
                    .doesNotContain("door-2");
        }
    }

    @Test
    void aGatewayInCommLossIsOneAlarmNotOnePerDevice() throws Exception {
        int gatewayPort = PortProbe.freePort("127.0.0.1");
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b1
                        devices:
                          - {id: incomer-1, profile: power-distribution, modbus: {host: 127.0.0.1, port: %1$d, unitId: 1, interval: 300ms, timeout: 200ms, commLossAfter: 2}}
                          - {id: incomer-2, profile: power-distribution, modbus: {host: 127.0.0.1, port: %1$d, unitId: 2, interval: 300ms, timeout: 200ms, commLossAfter: 2}}
                """.formatted(gatewayPort));
        try (SimulatedEstate sim = SimulatedEstate.prepare(YamlDocument.read("estate.yaml", Files.readAllBytes(estate)), 3, Clock.systemUTC());
             HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString()).start()) {
            sim.connect(new SimulatedEstate.Options(TestServices.mqttUrl(), hub.topicRoot, PERIOD, 3, "sim-" + hub.schema));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.json("/api/v1/devices/incomer-2").getJsonArray("points").size() > 0);

            sim.inject("incomer-1", "power-failure", Map.of(), null);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(visible(hub)).containsExactly("incomer-1/breaker-trip"));

            sim.inject("incomer-1", "gateway-down", Map.of(), null);
            String gateway = "gateway:tcp://127.0.0.1:" + gatewayPort;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(visible(hub)).containsExactly(gateway + "/gateway-comm-loss");
                // the device alarms behind it are hidden: one cause, one alarm
                assertThat(inState(hub, "suppressed")).contains("incomer-1/comm-loss", "incomer-2/comm-loss", "incomer-1/breaker-trip");
            });

            sim.inject("incomer-1", "gateway-up", Map.of(), null);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(inState(hub, "suppressed")).doesNotContain("incomer-1/comm-loss", "incomer-2/comm-loss", "incomer-1/breaker-trip");
                // the breaker is still open: back in view, announced again; the comm-loss ones wait for acknowledgement
                assertThat(inState(hub, "unacknowledged")).contains("incomer-1/breaker-trip");
                assertThat(inState(hub, "returned-unacknowledged")).contains(gateway + "/gateway-comm-loss");
            });
        }
    }

    @Test
    void theRestOfTheSimulatorsFaultsRaiseTheirAlarmsAndNothingElse() throws Exception {
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b2
                        floors: [B1, "1", "2", "3", "4", "5", "6"]
                        devices:
                          - {id: lift-2, profile: elevator, floor: "1"}
                          - {id: lift-3, profile: elevator, floor: "1"}
                          - {id: pumps-2, profile: water-pump-set, floor: B1}
                          - {id: sump-2, profile: sump-pit, floor: B1}
                          - {id: incomer-3, profile: power-distribution, floor: B1}
                          - {id: incomer-4, profile: power-distribution, floor: B1}
                          - {id: panel-2, profile: fire-alarm-panel, floor: "1"}
                          - {id: door-3, profile: access-door, floor: "1"}
                """);
        try (SimulatedEstate sim = SimulatedEstate.prepare(YamlDocument.read("estate.yaml", Files.readAllBytes(estate)), 11, Clock.systemUTC());
             HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString()).with("DUTYROOM_INGEST_OFFLINE_AFTER", "3s").start()) {
            sim.connect(new SimulatedEstate.Options(TestServices.mqttUrl(), hub.topicRoot, PERIOD, 11, "sim-" + hub.schema));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.json("/api/v1/devices/door-3").getJsonArray("points").size() > 0
                    && hub.json("/api/v1/devices/incomer-4").getJsonArray("points").size() > 0);
            assertThat(visible(hub)).as("a healthy estate raises nothing").isEmpty();

            sim.inject("lift-2", "door-fault", Map.of(), null);
            sim.inject("lift-3", "alarm-button", Map.of(), null);
            sim.inject("pumps-2", "pressure-loss", Map.of(), null);
            sim.inject("sump-2", "pump-trip", Map.of(), null);
            sim.inject("incomer-3", "phase-loss", Map.of("phase", 1), null);
            sim.inject("incomer-4", "over-temperature", Map.of(), null);
            sim.inject("panel-2", "panel-fault", Map.of("zone", "Z04"), null);
            sim.inject("door-3", "silent", Map.of(), null);

            Set<String> expected = Set.of("lift-2/door-fault", "lift-3/alarm-button", "pumps-2/standby-failed", "sump-2/pump-trip",
                    "incomer-3/phase-loss", "incomer-4/transformer-over-temperature", "panel-2/panel-fault", "door-3/comm-loss");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(visible(hub)).isEqualTo(expected));
            // both pumps down is one alarm; a lost phase is not also announced as under-voltage
            assertThat(inState(hub, "suppressed")).contains("pumps-2/pump-trip", "incomer-3/under-voltage");
            JsonObject list = hub.json("/api/v1/alarms");
            assertThat(alarm(list, "pumps-2", "standby-failed").getString("priority")).isEqualTo("urgent");
            assertThat(alarm(list, "incomer-3", "phase-loss").getJsonObject("values").getDouble("voltage_b")).isLessThan(50.0);
            assertThat(alarm(list, "lift-3", "alarm-button").getJsonObject("message").getString("en")).contains("answer on the lift intercom");
            assertThat(alarm(list, "door-3", "comm-loss").getJsonObject("message").getString("en")).contains("door-3");

            for (String device : List.of("lift-2", "lift-3", "pumps-2", "sump-2", "incomer-3", "incomer-4", "panel-2")) {
                sim.inject(device, "clear", Map.of(), null);
            }
            sim.inject("door-3", "resume", Map.of(), null);
            // every alarm returns, and waits for its acknowledgement; nothing else was announced on the way
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(visible(hub)).isEmpty();
                assertThat(inState(hub, "returned-unacknowledged")).isEqualTo(expected);
            });
        }
    }

    /** Unacknowledged or acknowledged alarms whose condition is active: what the duty room sees announced. */
    private static Set<String> visible(HubFixture hub) {
        Set<String> keys = new HashSet<>();
        JsonArray alarms = hub.json("/api/v1/alarms").getJsonArray("alarms");
        for (int i = 0; i < alarms.size(); i++) {
            JsonObject a = alarms.getJsonObject(i);
            if (Set.of("unacknowledged", "acknowledged").contains(a.getString("state")) && a.getBoolean("conditionActive")) {
                keys.add(key(a));
            }
        }
        return keys;
    }

    private static Set<String> inState(HubFixture hub, String state) {
        Set<String> keys = new HashSet<>();
        JsonArray alarms = hub.json("/api/v1/alarms?state=" + state).getJsonArray("alarms");
        for (int i = 0; i < alarms.size(); i++) {
            keys.add(key(alarms.getJsonObject(i)));
        }
        return keys;
    }

    private static String key(JsonObject alarm) {
        return alarm.getString("device") + "/" + alarm.getString("rule");
    }

    private static JsonObject alarm(JsonObject list, String device, String rule) {
        JsonArray alarms = list.getJsonArray("alarms");
        for (int i = 0; i < alarms.size(); i++) {
            JsonObject a = alarms.getJsonObject(i);
            if (a.getString("device").equals(device) && a.getString("rule").equals(rule)) {
                return a;
            }
        }
        return new JsonObject();
    }
}

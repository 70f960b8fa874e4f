package io.dutyroom.simulators.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/** Faults and drills through a real broker: what a duty room would see on the wire, in order. */
class DrillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ESTATE = """
            sites:
              - id: estate-a
                buildings:
                  - id: t1
                    floors: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
                    devices:
                      - {id: t1-lift, profile: elevator}
                      - {id: t1-pumps, profile: water-pump-set}
                  - id: t2
                    devices:
                      - {id: t2-pumps, profile: water-pump-set}
            """.getBytes(StandardCharsets.UTF_8);

    @Test
    void anEntrapmentDrillIsMarkedFromStartToEndAndTheCarIsReleased() throws Exception {
        String root = "drill-" + UUID.randomUUID().toString().substring(0, 8) + "/dutyroom/v1";
        List<JsonNode> lift = new CopyOnWriteArrayList<>();
        MqttClient watcher = watch(root + "/estate-a/t1-lift/telemetry", lift);
        SimulatedEstate sim = SimulatedEstate.start(YamlDocument.read("estate.yaml", ESTATE),
                new SimulatedEstate.Options(TestBroker.url(), root, Duration.ofMillis(200), 7, "d-" + UUID.randomUUID().toString().substring(0, 6) + "-"),
                Clock.systemUTC());
        try {
            Drill drill = new Drill("entrapment-test", Map.of(), Map.of("lift", "elevator"), List.of(
                    new Drill.Step("0s", "lift", "entrapment", Map.of("floor", 7)),
                    new Drill.Step("1s", "lift", "alarm-button", null),
                    new Drill.Step("2s", "lift", "release", null)));
            String drillId = DrillRunner.start(sim, drill, Map.of(), Clock.systemUTC(), Duration.ofMillis(600));

            await().atMost(Duration.ofSeconds(20)).until(() -> lift.stream().anyMatch(m -> !m.has("drill") && seenAfter(lift, drillId, m)));

            List<JsonNode> marked = lift.stream().filter(m -> drillId.equals(m.path("drill").asText(null))).toList();
            assertThat(marked).isNotEmpty();
            JsonNode first = marked.get(0).path("values");
            assertThat(first.path("floor").asInt()).isEqualTo(7);
            assertThat(first.path("in_leveling_zone").asBoolean()).isFalse();
            assertThat(first.path("door_state").asInt()).isZero();
            assertThat(first.path("passenger_detected").asBoolean()).isTrue();
            assertThat(marked).anySatisfy(m -> assertThat(m.path("values").path("alarm_button").asBoolean()).isTrue());
            assertThat(marked).anySatisfy(m -> assertThat(m.path("values").path("in_leveling_zone").asBoolean()).isTrue()); // released
        } finally {
            sim.close();
            watcher.disconnect();
            watcher.close();
        }
    }

    @Test
    void theControlApiInjectsFaultsAndRefusesNonsense() throws Exception {
        String root = "ctl-" + UUID.randomUUID().toString().substring(0, 8) + "/dutyroom/v1";
        List<JsonNode> pumps = new CopyOnWriteArrayList<>();
        MqttClient watcher = watch(root + "/estate-a/t1-pumps/telemetry", pumps);
        SimulatedEstate sim = SimulatedEstate.start(YamlDocument.read("estate.yaml", ESTATE),
                new SimulatedEstate.Options(TestBroker.url(), root, Duration.ofMillis(200), 7, "c-" + UUID.randomUUID().toString().substring(0, 6) + "-"),
                Clock.systemUTC());
        try (ControlServer control = ControlServer.start(sim, 0, Clock.systemUTC())) {
            String base = "http://127.0.0.1:" + control.port();
            assertThat(post(base + "/faults", "{\"device\": \"t1-pumps\", \"fault\": \"pressure-loss\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> pumps.stream().anyMatch(m ->
                    m.path("values").path("pump1_fault").asBoolean() && m.path("values").path("pump2_fault").asBoolean()
                            && m.path("values").path("outlet_pressure").asDouble() < 0.2));

            HttpResponse<String> unknown = post(base + "/faults", "{\"device\": \"t9-nothing\", \"fault\": \"pump-trip\"}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("no simulated device 't9-nothing'");
            assertThat(post(base + "/faults", "{\"device\": \"t1-lift\", \"fault\": \"pump-trip\"}").body()).contains("has no fault 'pump-trip'");
            assertThat(post(base + "/drills", "{\"drill\": \"tea-break\"}").body()).contains("no drill 'tea-break'");
            HttpResponse<String> badFloor = post(base + "/faults", "{\"device\": \"t1-lift\", \"fault\": \"entrapment\", \"args\": {\"floor\": \"7F\"}}");
            assertThat(badFloor.statusCode()).isEqualTo(400);
            assertThat(badFloor.body()).contains("'floor' must be a whole number");
            assertThat(post(base + "/drills", "{\"drill\": \"elevator-entrapment\", \"devices\": {\"lift\": \"t1-pumps\"}}").body())
                    .contains("role 'lift' needs a elevator, and 't1-pumps' is not one");

            // the scenarios with their names and roles, for the hub's drills screen
            HttpResponse<String> scenarios = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/drills")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode entrapment = JSON.readTree(scenarios.body()).path("scenarios").get(0);
            assertThat(entrapment.path("id").asText()).isEqualTo("elevator-entrapment");
            assertThat(entrapment.path("name").path("zh").asText()).isEqualTo("电梯困人救援演练");
            assertThat(entrapment.path("roles").path("lift").asText()).isEqualTo("elevator");

            // a drill in a building binds its roles there; one without the equipment is a conflict, not a bad request
            HttpResponse<String> inT1 = post(base + "/drills", "{\"drill\": \"elevator-entrapment\", \"building\": \"t1\"}");
            assertThat(inT1.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(inT1.body()).path("devices").path("lift").asText()).isEqualTo("t1-lift");
            assertThat(JSON.readTree(inT1.body()).path("drill").asText()).startsWith("elevator-entrapment-");
            HttpResponse<String> inT2 = post(base + "/drills", "{\"drill\": \"elevator-entrapment\", \"building\": \"t2\"}");
            assertThat(inT2.statusCode()).isEqualTo(409);
            assertThat(inT2.body()).contains("building 't2' has no simulated elevator");
            assertThat(post(base + "/drills", "{\"drill\": \"elevator-entrapment\", \"building\": \"t9\"}").statusCode()).isEqualTo(400);
        } finally {
            sim.close();
            watcher.disconnect();
            watcher.close();
        }
    }

    private static boolean seenAfter(List<JsonNode> messages, String drillId, JsonNode unmarked) {
        int lastMarked = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (drillId.equals(messages.get(i).path("drill").asText(null))) {
                lastMarked = i;
            }
        }
        return lastMarked >= 0 && messages.indexOf(unmarked) > lastMarked;
    }

    private static MqttClient watch(String topic, List<JsonNode> into) throws Exception {
        MqttClient watcher = new MqttClient(TestBroker.url(), "w-" + UUID.randomUUID(), new MemoryPersistence());
        watcher.connect(new MqttConnectionOptions());
        watcher.subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)},
                new IMqttMessageListener[] {(t, m) -> into.add(JSON.readTree(m.getPayload()))});
        return watcher;
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

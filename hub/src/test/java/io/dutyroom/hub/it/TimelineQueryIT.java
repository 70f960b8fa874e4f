package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timeline as the duty room asks it: by place (building, floor), by family of kinds, by
 * severity, by words in either language, and "what happened around" an alarm.
 */
class TimelineQueryIT {

    @Test
    void theTimelineAnswersByPlaceKindSeverityAndWordsAndAroundAnAlarm() throws Exception {
        try (HubFixture hub = new HubFixture().start(); Publisher device = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            // a door event (its building comes from the registry) and a pump trip (an alarm)
            device.publish(hub.topic("estate-a", "door-1", "event"), "{\"type\": \"card.granted\", \"data\": {\"card\": \"A17\"}}");
            device.publish(hub.topic("estate-a", "pump-1", "telemetry"),
                    "{\"values\": {\"pump1_fault\": true, \"pump1_running\": false, \"pump2_running\": true, \"pump2_fault\": false}}");
            await().atMost(Duration.ofSeconds(20)).until(() -> events(hub, "kind=alarm.raised").size() == 1);
            String alarmId = events(hub, "kind=alarm.raised").getJsonObject(0).getJsonObject("payload").getString("alarmId");
            assertThat(hub.post("/api/v1/work-orders", new JsonObject().put("user", "desk.chen").put("source", "pump-1")
                    .put("summary", "住户反映12层无水 / no water on the 12th floor")).statusCode()).isEqualTo(201);

            JsonArray inB1 = events(hub, "building=b1");
            assertThat(inB1.stream().map(e -> ((JsonObject) e).getString("kind")))
                    .contains("device.event", "alarm.raised", "workorder.created");
            JsonObject doorEvent = events(hub, "kind=device.event").getJsonObject(0);
            assertThat(doorEvent.getJsonObject("payload").getString("building")).as("placed by the registry").isEqualTo("b1");
            assertThat(doorEvent.getJsonObject("payload").getString("floor")).isEqualTo("1");
            assertThat(events(hub, "building=b1&floor=B1").stream().map(e -> ((JsonObject) e).getString("subject"))).containsOnly("pump-1");
            assertThat(events(hub, "building=b9")).isEmpty();

            assertThat(events(hub, "kind=alarm.*,workorder.*").stream().map(e -> ((JsonObject) e).getString("kind")))
                    .allMatch(k -> k.startsWith("alarm.") || k.startsWith("workorder."))
                    .contains("alarm.raised", "workorder.created");
            assertThat(events(hub, "severity=warning").stream().map(e -> ((JsonObject) e).getString("severity")))
                    .isNotEmpty().doesNotContain("info");

            // words, in either language and any case
            JsonArray noWater = events(hub, "q=" + URLEncoder.encode("无水", StandardCharsets.UTF_8));
            assertThat(noWater.stream().map(e -> ((JsonObject) e).getString("kind"))).contains("workorder.created")
                    .allMatch(k -> k.startsWith("workorder."));
            assertThat(events(hub, "q=NO+WATER")).hasSameSizeAs(noWater);
            assertThat(events(hub, "q=" + URLEncoder.encode("100%_", StandardCharsets.UTF_8))).as("LIKE characters are plain text").isEmpty();

            // around the alarm: the same equipment and building, in the window
            JsonObject around = hub.json("/api/v1/timeline/around?alarm=" + alarmId + "&before=10m&after=10m");
            assertThat(around.getJsonObject("anchor").getString("kind")).isEqualTo("alarm.raised");
            List<String> kinds = around.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("kind")).toList();
            assertThat(kinds).contains("device.event", "alarm.raised", "workorder.created");

            // bad questions get clear answers
            assertThat(hub.get("/api/v1/timeline?severity=loud").statusCode()).isEqualTo(400);
            assertThat(hub.get("/api/v1/timeline?kind=ALARM").statusCode()).isEqualTo(400);
            assertThat(hub.get("/api/v1/timeline/around").statusCode()).isEqualTo(400);
            assertThat(hub.get("/api/v1/timeline/around?alarm=nope").statusCode()).isEqualTo(404);
        }
    }

    private static JsonArray events(HubFixture hub, String query) {
        return hub.json("/api/v1/timeline?limit=500&" + query).getJsonArray("events");
    }
}

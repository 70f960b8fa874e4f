package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patrol round through the real API and a real broker: scans from a guard's phone over MQTT and
 * from the API, a fault found that opens a work order, and the round judged when its window closes
 * with the checkpoint it missed and the walk out of order, all on the timeline.
 */
class PatrolIT {
    @TempDir
    Path dir;

    @Test
    void aRoundWithAMissedCheckpointAndAFindingIsJudgedWhenItsWindowCloses() throws Exception {
        // a window that opened ten minutes ago and closes at a whole minute (routes are in minutes) 30 to
        // 90 s from now: time enough for the scans below, and not long to wait for the judging
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        LocalTime start = now.minusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
        LocalTime end = now.plusSeconds(90).truncatedTo(ChronoUnit.MINUTES);
        Path routes = Files.writeString(dir.resolve("routes.yaml"), """
                timeZone: UTC
                routes:
                  - id: b1-building
                    site: estate-a
                    name: {zh: 1号楼巡查, en: Building 1 patrol}
                    ordered: true
                    lateGrace: 0s
                    windows: [{start: "%s", end: "%s"}]
                    checkpoints:
                      - {id: b1-lobby, building: b1, floor: "1", name: 1层大堂, checks: [elevators inside and out]}
                      - {id: b1-2f-doors, building: b1, floor: "2", name: 2层防火门, checks: [fire doors, fire-hose boxes]}
                      - {id: b1-roof, building: b1, name: 屋面, checks: [rooftop]}
                """.formatted(start, end));
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                timeZone: UTC
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: night, start: "20:00", end: "08:00"}
                engineers:
                  - {id: sun.li, skills: [general]}
                duty:
                  - {shift: day, engineers: [sun.li]}
                  - {shift: night, engineers: [sun.li]}
                """);
        try (HubFixture hub = new HubFixture().with("DUTYROOM_PATROLS_ROUTES", routes.toString())
                .with("DUTYROOM_PATROLS_CHECK_EVERY", "200ms").with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString()).start();
             Publisher phone = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            assertThat(hub.json("/api/v1/patrols/routes?site=estate-a").getJsonArray("routes")).hasSize(1);

            // the guard's phone scans the roof first, and reports a fault there
            phone.publish(hub.topic("estate-a", "phone-zhou", "event"), new JsonObject().put("type", "patrol.scan").put("data", new JsonObject()
                    .put("checkpoint", "b1-roof").put("guard", "zhou.min").put("condition", "fault").put("text", "屋面排水口盖板缺失")
                    .put("photos", new JsonArray().add("https://photos.example/roof-drain.jpg"))).encode());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(orders(hub, "b1-roof")).hasSize(1));
            JsonObject order = orders(hub, "b1-roof").getJsonObject(0);
            assertThat(order.getString("origin")).isEqualTo("patrol");
            assertThat(order.getString("policy")).isEqualTo("patrol-finding");
            assertThat(order.getString("assignee")).isEqualTo("sun.li");
            assertThat(order.getJsonObject("summary").getString("zh")).contains("屋面排水口盖板缺失");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kinds(hub)).contains("patrol.finding-work-order"));

            // then the lobby, from the API; the second floor is never scanned
            HttpResponse<String> lobby = hub.post("/api/v1/patrols/scans", new JsonObject().put("site", "estate-a").put("checkpoint", "b1-lobby")
                    .put("guard", "zhou.min").put("condition", "ok"));
            assertThat(lobby.statusCode()).as(lobby.body()).isEqualTo(201);
            assertThat(new JsonObject(lobby.body()).getString("timing")).isEqualTo("on-time");
            // the same scan sent again (a client's retry) is one scan
            HttpResponse<String> again = hub.post("/api/v1/patrols/scans", new JsonObject().put("site", "estate-a").put("checkpoint", "b1-lobby")
                    .put("guard", "zhou.min").put("condition", "ok").put("at", new JsonObject(lobby.body()).getString("at")));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(new JsonObject(again.body()).getBoolean("duplicate")).isTrue();
            assertThat(hub.post("/api/v1/patrols/scans", new JsonObject().put("site", "estate-a").put("checkpoint", "nowhere")
                    .put("guard", "zhou.min")).statusCode()).isEqualTo(400);
            assertThat(hub.post("/api/v1/patrols/scans", new JsonObject().put("site", "estate-a").put("checkpoint", "b1-lobby")
                    .put("guard", "zhou.min").put("condition", "broken")).statusCode()).isEqualTo(400);
            // a reader naming no checkpoint is refused and counted, and ingestion goes on
            phone.publish(hub.topic("estate-a", "phone-zhou", "event"), "{\"type\": \"patrol.scan\", \"data\": {\"guard\": \"zhou.min\"}}");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric("dutyroom_ingest_rejected_total{reason=\"bad_patrol_scan\"}") >= 1);

            // the window closes: the round is judged
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(kinds(hub)).contains("patrol.round-judged"));
            JsonArray events = hub.json("/api/v1/timeline?kind=patrol.*&limit=100").getJsonArray("events");
            JsonObject missed = only(events, "patrol.missed");
            assertThat(missed.getString("subject")).isEqualTo("b1-2f-doors");
            assertThat(missed.getJsonObject("payload").getString("building")).isEqualTo("b1");
            assertThat(only(events, "patrol.out-of-order").getJsonObject("payload").getJsonArray("checkpoints")).containsExactly("b1-roof");
            JsonObject judged = only(events, "patrol.round-judged").getJsonObject("payload");
            assertThat(judged.getInteger("done")).isEqualTo(2);
            assertThat(judged.getInteger("missed")).isEqualTo(1);
            assertThat(judged.getJsonArray("guards")).containsExactly("zhou.min");

            JsonArray rounds = hub.json("/api/v1/patrols/rounds?site=estate-a&date=" + java.time.LocalDate.now(ZoneOffset.UTC)
                    .minusDays(end.isBefore(start) ? 1 : 0)).getJsonArray("rounds");
            JsonObject round = rounds.stream().map(JsonObject.class::cast).filter(r -> r.getString("status").equals("judged")).findFirst().orElseThrow();
            assertThat(round.getInteger("missed")).isEqualTo(1);
            JsonObject report = hub.json("/api/v1/patrols/report?site=estate-a&by=day");
            assertThat(report.getJsonArray("routes").getJsonObject(0).getDouble("completion")).isEqualTo(0.667);
            assertThat(report.getJsonArray("guards").getJsonObject(0).getString("guard")).isEqualTo("zhou.min");

            // the story in order: the fault, its order, the lobby, then the judgement
            List<String> story = new java.util.ArrayList<>(hub.json("/api/v1/timeline?kind=patrol.*,workorder.created&limit=100")
                    .getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("kind")).toList());
            java.util.Collections.reverse(story);
            assertThat(story).containsSubsequence("patrol.scan", "workorder.created",
                    "patrol.finding-work-order", "patrol.scan", "patrol.missed", "patrol.round-judged");
        }
    }

    private static JsonArray orders(HubFixture hub, String source) {
        return hub.json("/api/v1/work-orders?source=" + source).getJsonArray("workOrders");
    }

    private static List<String> kinds(HubFixture hub) {
        return hub.json("/api/v1/timeline?limit=200").getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("kind")).toList();
    }

    private static JsonObject only(JsonArray events, String kind) {
        List<JsonObject> found = events.stream().map(JsonObject.class::cast).filter(e -> e.getString("kind").equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }
}

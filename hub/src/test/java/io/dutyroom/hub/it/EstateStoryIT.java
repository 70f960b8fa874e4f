package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.simulators.estate.SimulatedEstate;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One building's morning on one timeline: the simulator trips both of its water pumps, a resident
 * phones about no water on the 12th floor, and the building patrol finds a fault and misses a
 * checkpoint. The timeline of the building returns all of it in order, and every work order it
 * speaks of exists.
 */
class EstateStoryIT {
    private static final Duration PERIOD = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void thePumpTheComplaintAndThePatrolAreOneStoryOnTheTimeline() throws Exception {
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b1
                        floors: [B1, "1", "12", RF]
                        devices:
                          - {id: pumps-1, profile: water-pump-set, floor: B1}
                """);
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                timeZone: UTC
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: night, start: "20:00", end: "08:00"}
                engineers:
                  - {id: li.na, skills: [plumber, general]}
                duty:
                  - {shift: day, engineers: [li.na]}
                  - {shift: night, engineers: [li.na]}
                """);
        // the patrol window opened ten minutes ago and closes at least a minute from now
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        Path routes = Files.writeString(dir.resolve("routes.yaml"), """
                timeZone: UTC
                routes:
                  - id: b1-building
                    site: estate-a
                    lateGrace: 0s
                    windows: [{start: "%s", end: "%s"}]
                    checkpoints:
                      - {id: b1-lobby, building: b1, floor: "1", checks: [elevators inside and out]}
                      - {id: b1-12f, building: b1, floor: "12", checks: [fire doors, lamp covers]}
                      - {id: b1-roof, building: b1, floor: RF, checks: [rooftop]}
                """.formatted(now.minusMinutes(10).truncatedTo(ChronoUnit.MINUTES), now.plusMinutes(2).truncatedTo(ChronoUnit.MINUTES)));
        try (SimulatedEstate sim = SimulatedEstate.prepare(YamlDocument.read("estate.yaml", Files.readAllBytes(estate)), 4, Clock.systemUTC());
             HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString()).with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString())
                     .with("DUTYROOM_PATROLS_ROUTES", routes.toString()).with("DUTYROOM_PATROLS_CHECK_EVERY", "200ms").start()) {
            sim.connect(new SimulatedEstate.Options(TestServices.mqttUrl(), hub.topicRoot, PERIOD, 4, "sim-" + hub.schema));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.json("/api/v1/devices/pumps-1").getJsonArray("points").size() > 0);

            // both pumps trip: no water; the standby-failed alarm opens the pump set's order
            sim.inject("pumps-1", "pressure-loss", Map.of(), null);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(hub.json("/api/v1/work-orders?source=pumps-1").getJsonArray("workOrders")).hasSize(1));
            String pumpOrder = hub.json("/api/v1/work-orders?source=pumps-1").getJsonArray("workOrders").getJsonObject(0).getString("id");

            // a resident on the 12th floor phones the desk; the complaint is handled with a repair order
            HttpResponse<String> recorded = hub.post("/api/v1/complaints", new JsonObject().put("user", "desk.zhou").put("site", "estate-a")
                    .put("unit", "b1-1203").put("building", "b1").put("floor", "12").put("residentName", "陈明").put("residentPhone", "13900001111")
                    .put("channel", "phone").put("summary", "12层无水 / no water on the 12th floor").put("source", "pumps-1"));
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
            String complaint = new JsonObject(recorded.body()).getString("id");
            assertThat(hub.post("/api/v1/complaints/" + complaint + "/assign", new JsonObject().put("user", "desk.zhou")
                    .put("kind", "help-seeking").put("department", "engineering")).statusCode()).isEqualTo(200);
            HttpResponse<String> handled = hub.post("/api/v1/complaints/" + complaint + "/handle", new JsonObject().put("user", "eng.head")
                    .put("note", "pump room checked").put("repair", true));
            assertThat(handled.statusCode()).as(handled.body()).isEqualTo(200);
            String complaintOrder = new JsonObject(handled.body()).getString("workOrderId");

            // the building patrol: the lobby is fine, the roof has a fault, the 12th floor is never reached
            assertThat(hub.post("/api/v1/patrols/scans", new JsonObject().put("site", "estate-a").put("checkpoint", "b1-lobby")
                    .put("guard", "zhou.min").put("condition", "ok")).statusCode()).isEqualTo(201);
            HttpResponse<String> roof = hub.post("/api/v1/patrols/scans", new JsonObject().put("site", "estate-a").put("checkpoint", "b1-roof")
                    .put("guard", "zhou.min").put("condition", "fault").put("text", "屋顶水箱溢流管漏水 / roof tank overflow pipe leaking"));
            assertThat(roof.statusCode()).as(roof.body()).isEqualTo(201);
            String patrolOrder = new JsonObject(roof.body()).getString("workOrderId");

            await().atMost(Duration.ofSeconds(150)).untilAsserted(() ->
                    assertThat(kinds(hub, "building=b1&kind=patrol.round-judged")).isNotEmpty());

            // the building's timeline, oldest first, tells it in the order it happened
            List<String> story = kinds(hub, "building=b1&kind=alarm.raised,workorder.created,complaint.*,patrol.*");
            assertThat(story).containsSubsequence("alarm.raised", "workorder.created", "complaint.recorded", "complaint.assigned",
                    "workorder.created", "complaint.handling", "patrol.scan", "patrol.scan", "workorder.created", "patrol.finding-work-order",
                    "patrol.missed", "patrol.round-judged");
            assertThat(hub.json("/api/v1/timeline?building=b1&kind=patrol.missed").getJsonArray("events").getJsonObject(0)
                    .getString("subject")).isEqualTo("b1-12f");
            // no resident's name or phone on the timeline
            String everything = hub.get("/api/v1/timeline?building=b1&limit=500").body();
            assertThat(everything).doesNotContain("陈明", "13900001111");

            // every order the story names exists, with where it came from
            assertThat(hub.json("/api/v1/work-orders/" + pumpOrder).getString("origin")).isEqualTo("alarm");
            assertThat(hub.json("/api/v1/work-orders/" + complaintOrder).getString("origin")).isEqualTo("complaint");
            assertThat(hub.json("/api/v1/work-orders/" + patrolOrder).getString("origin")).isEqualTo("patrol");

            // around the complaint: the pump's alarm and its order are part of the same story
            List<String> around = hub.json("/api/v1/timeline/around?complaint=" + complaint + "&before=10m&after=10m").getJsonArray("events")
                    .stream().map(e -> ((JsonObject) e).getString("kind")).toList();
            assertThat(around).contains("alarm.raised", "workorder.created", "complaint.recorded", "patrol.scan");
        }
    }

    /** Kinds of the events the query returns, oldest first. */
    private static List<String> kinds(HubFixture hub, String query) {
        List<String> kinds = new ArrayList<>(hub.json("/api/v1/timeline?limit=500&" + query).getJsonArray("events").stream()
                .map(e -> ((JsonObject) e).getString("kind")).toList());
        Collections.reverse(kinds);
        return kinds;
    }
}

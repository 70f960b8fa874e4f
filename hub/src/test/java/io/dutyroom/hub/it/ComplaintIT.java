package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resident's complaint goes through the register from the phone call to its closing: judged,
 * handled with a linked repair order, resolved, sent back by an unsatisfied resident, resolved
 * again and closed after a satisfied return visit; steps out of order are refused with a reason.
 * The resident's name and phone are masked everywhere but /resident. A second complaint of the same
 * matter is flagged recurring and listed in the report; a step past its limit is raised once.
 */
class ComplaintIT {
    private static final String NAME = "张伟";
    private static final String PHONE = "138 0000 1234";
    private static final String UNIT = "b1-2-201";

    @TempDir
    Path dir;

    @Test
    void aComplaintRunsToItsReturnVisitWithTheResidentMaskedAndItsRepairOrderLinked() throws Exception {
        Path roster = Files.writeString(dir.resolve("roster.yaml"), """
                timeZone: Asia/Shanghai
                shifts:
                  - {id: day, start: "08:00", end: "20:00"}
                  - {id: night, start: "20:00", end: "08:00"}
                engineers:
                  - {id: li.na, name: 李娜, skills: [plumber, general]}
                duty:
                  - {shift: day, engineers: [li.na]}
                  - {shift: night, engineers: [li.na]}
                """);
        // the other engineer adds these keys to the configuration; a short assign limit makes a step overdue here
        try (HubFixture hub = new HubFixture().with("DUTYROOM_WORK_ORDERS_ROSTER", roster.toString())
                .with("DUTYROOM_COMPLAINTS_CHECK_EVERY", "200ms").with("DUTYROOM_COMPLAINTS_ASSIGN_WITHIN", "1s").start()) {
            // a resident phones: no water on floor 2
            HttpResponse<String> recorded = hub.post("/api/v1/complaints", new JsonObject().put("user", "desk.zhou").put("site", "estate-a")
                    .put("unit", UNIT).put("building", "b1").put("floor", "2").put("residentName", NAME).put("residentPhone", PHONE)
                    .put("channel", "phone").put("summary", "2楼停水 / no water on floor 2").put("matter", "No water"));
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
            assertMasked(recorded.body());
            JsonObject complaint = new JsonObject(recorded.body());
            String id = complaint.getString("id");
            assertThat(id).matches("C-\\d{6}");
            assertThat(complaint.getString("state")).isEqualTo("recorded");
            assertThat(complaint.getString("owner")).as("首问责任制").isEqualTo("desk.zhou");
            assertThat(complaint.getString("matter")).isEqualTo("no water");
            assertThat(complaint.getJsonObject("resident"))
                    .isEqualTo(new JsonObject().put("name", "张*").put("phone", "138****1234").put("unit", UNIT));
            assertThat(complaint.getJsonObject("steps").getJsonObject("assign").getString("dueAt")).isNotNull();

            // the list and the timeline show the resident masked; /resident in full
            HttpResponse<String> list = hub.get("/api/v1/complaints?site=estate-a&open=true");
            assertMasked(list.body());
            assertThat(new JsonObject(list.body()).getJsonArray("complaints").stream().map(c -> ((JsonObject) c).getString("id"))).contains(id);
            String timeline = hub.get("/api/v1/timeline?kind=complaint.*&limit=500").body();
            assertMasked(timeline);
            assertThat(timeline).contains("张*", "138****1234");
            JsonObject resident = hub.json("/api/v1/complaints/" + id + "/resident?user=desk.zhou").getJsonObject("resident");
            assertThat(resident.getString("name")).isEqualTo(NAME);
            assertThat(resident.getString("phone")).isEqualTo(PHONE);
            // the read is on the audit trail: who read whose details, none of the details themselves
            JsonObject viewed = events(hub, id).stream().filter(e -> e.getString("kind").equals("complaint.resident-viewed")).findFirst().orElseThrow();
            assertThat(viewed.getJsonObject("payload").getString("by")).isEqualTo("desk.zhou");
            assertThat(viewed.encode()).doesNotContain(NAME, PHONE, "张*", "138****1234");

            // steps out of order are refused, saying why
            assertRefused(hub, id, "resolve", new JsonObject().put("user", "eng.head").put("result", "x"), "its nature has not been judged");
            assertRefused(hub, id, "handle", new JsonObject().put("user", "eng.head"), "its nature has not been judged");
            assertRefused(hub, id, "close", new JsonObject().put("user", "desk.zhou"), "after its return visit");
            // bad calls name the field
            assertBad(hub.post("/api/v1/complaints/" + id + "/assign", new JsonObject().put("user", "desk.zhou").put("kind", "angry")
                    .put("department", "engineering")), "kind");
            assertBad(hub.post("/api/v1/complaints/" + id + "/assign", new JsonObject().put("user", "desk.zhou").put("kind", "help-seeking")
                    .put("department", "  ")), "department");
            assertBad(hub.post("/api/v1/complaints", new JsonObject().put("user", "desk.zhou").put("site", "estate-a").put("unit", UNIT)
                    .put("channel", "fax").put("summary", "x")), "channel");
            assertBad(hub.post("/api/v1/complaints", new JsonObject().put("user", "desk.zhou").put("site", "estate-a").put("unit", UNIT)
                    .put("channel", "phone").put("summary", "x").put("residentPhone", "call me")), "residentPhone");
            assertThat(hub.get("/api/v1/complaints?state=lost").statusCode()).isEqualTo(400);
            assertThat(hub.post("/api/v1/complaints/C-999999/close", new JsonObject().put("user", "desk.zhou")).statusCode()).isEqualTo(404);
            assertThat(hub.get("/api/v1/complaints/C-999999").statusCode()).isEqualTo(404);
            assertThat(hub.get("/api/v1/complaints/C-999999/resident").statusCode()).isEqualTo(404);

            // judged help-seeking, for the engineering department; handled with a repair order
            JsonObject assigned = step(hub, id, "assign", new JsonObject().put("user", "desk.zhou").put("kind", "help-seeking")
                    .put("department", "engineering"));
            assertThat(assigned.getString("state")).isEqualTo("assigned");
            assertThat(assigned.getString("kind")).isEqualTo("help-seeking");
            JsonObject handling = step(hub, id, "handle", new JsonObject().put("user", "eng.head").put("note", "supervisor on site")
                    .put("repair", true));
            assertThat(handling.getString("state")).isEqualTo("handling");
            String workOrderId = handling.getString("workOrderId");
            assertThat(workOrderId).startsWith("WO-");
            JsonObject order = hub.json("/api/v1/work-orders/" + workOrderId);
            assertThat(order.getString("origin")).isEqualTo("complaint");
            assertThat(order.getString("policy")).isEqualTo("complaint-repair");
            assertThat(order.getString("source")).isEqualTo("unit " + UNIT);
            assertThat(order.getString("fault")).isEqualTo("no water");
            assertThat(order.getString("state")).as("dispatched to the engineer on duty").isEqualTo("dispatched");
            assertThat(order.getString("assignee")).isEqualTo("li.na");

            // only the owner hands the complaint on
            assertRefused(hub, id, "reassign", new JsonObject().put("user", "eng.head").put("owner", "eng.head"), "only desk.zhou hands it on");

            // resolved; the resident is not satisfied: back to the department, with its full time again
            step(hub, id, "resolve", new JsonObject().put("user", "eng.head").put("result", "valve reopened"));
            JsonObject back = step(hub, id, "return-visit", new JsonObject().put("user", "desk.zhou").put("satisfied", false)
                    .put("note", "pressure still low"));
            assertThat(back.getString("state")).isEqualTo("handling");
            assertThat(back.getBoolean("satisfied")).isFalse();
            assertThat(back.getString("resolvedAt")).isNull();
            assertThat(back.getJsonObject("steps").getJsonObject("resolve").getString("doneAt")).isNull();
            assertRefused(hub, id, "close", new JsonObject().put("user", "desk.zhou"), "after its return visit");

            step(hub, id, "resolve", new JsonObject().put("user", "eng.head").put("result", "booster pump reset"));
            step(hub, id, "return-visit", new JsonObject().put("user", "desk.zhou").put("satisfied", true));
            JsonObject closed = step(hub, id, "close", new JsonObject().put("user", "desk.zhou"));
            assertThat(closed.getString("state")).isEqualTo("closed");
            assertThat(closed.getString("owner")).isEqualTo("desk.zhou");
            assertThat(closed.getString("result")).isEqualTo("booster pump reset");
            assertRefused(hub, id, "escalate", new JsonObject().put("user", "desk.zhou").put("reason", "x"), "closed");

            assertThat(story(hub, id)).containsSubsequence("complaint.recorded", "complaint.assigned", "complaint.handling",
                    "complaint.work-order-linked", "complaint.resolved", "complaint.return-visited", "complaint.resolved",
                    "complaint.return-visited", "complaint.closed");
            JsonObject linked = events(hub, id).stream().filter(e -> e.getString("kind").equals("complaint.work-order-linked")).findFirst().orElseThrow();
            assertThat(linked.getJsonObject("payload").getString("workOrderId")).isEqualTo(workOrderId);
            assertThat(linked.getString("subject")).isEqualTo(id);

            // the same matter from the same unit again, written differently: recurring
            HttpResponse<String> again = hub.post("/api/v1/complaints", new JsonObject().put("user", "desk.li").put("site", "estate-a")
                    .put("unit", UNIT).put("channel", "visit").put("summary", "又停水了").put("matter", "no   WATER"));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            JsonObject second = new JsonObject(again.body());
            String secondId = second.getString("id");
            assertThat(second.getInteger("recurrence")).isEqualTo(2);
            assertThat(second.getBoolean("recurring")).isTrue();
            assertThat(story(hub, secondId)).contains("complaint.recurring");
            // escalated to the director: major, a warning on the timeline
            JsonObject escalated = step(hub, secondId, "escalate", new JsonObject().put("user", "desk.li").put("reason", "second time this month"));
            assertThat(escalated.getBoolean("major")).isTrue();
            assertThat(events(hub, secondId).stream().filter(e -> e.getString("kind").equals("complaint.escalated"))
                    .map(e -> e.getString("severity"))).containsExactly("warning");

            // a complaint nobody judges in time: its assign step is raised overdue, once
            JsonObject third = new JsonObject(hub.post("/api/v1/complaints", new JsonObject().put("user", "desk.zhou").put("site", "estate-a")
                    .put("unit", "b1-1-101").put("channel", "letter").put("summary", "corridor lamp out")).body());
            String thirdId = third.getString("id");
            await().atMost(Duration.ofSeconds(15)).until(() -> overdue(hub, thirdId).size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> overdue(hub, thirdId).size() == 1);
            JsonObject raised = overdue(hub, thirdId).get(0);
            assertThat(raised.getString("severity")).isEqualTo("warning");
            assertThat(raised.getJsonObject("payload").getString("step")).isEqualTo("assign");
            assertThat(raised.getJsonObject("payload").getString("dueAt")).isNotNull();
            JsonObject late = hub.json("/api/v1/complaints/" + thirdId).getJsonObject("steps").getJsonObject("assign");
            assertThat(late.getBoolean("overdue")).isTrue();
            assertThat(late.getBoolean("raised")).isTrue();

            // the quarterly analysis
            JsonObject report = hub.json("/api/v1/complaints/report?site=estate-a");
            assertThat(report.getLong("complaints")).isEqualTo(3);
            assertThat(report.getLong("major")).isEqualTo(1);
            JsonObject byChannel = report.getJsonObject("byChannel");
            assertThat(byChannel.fieldNames()).containsExactlyInAnyOrder("phone", "visit", "letter");
            assertThat(List.of(byChannel.getLong("phone"), byChannel.getLong("visit"), byChannel.getLong("letter"))).containsOnly(1L);
            assertThat(report.getJsonObject("byKind").getLong("help-seeking")).isEqualTo(1);
            assertThat(report.getJsonObject("byDepartment").getLong("engineering")).isEqualTo(1);
            assertThat(report.getJsonObject("returnVisits").getDouble("rate")).isEqualTo(1.0);
            assertThat(report.getJsonObject("satisfaction").getLong("visits")).isEqualTo(2);
            assertThat(report.getJsonObject("satisfaction").getDouble("rate")).isEqualTo(0.5);
            assertThat(report.getJsonObject("overdue").getLong("assign")).isGreaterThanOrEqualTo(1);
            JsonArray recurring = report.getJsonArray("recurring");
            assertThat(recurring.stream().map(JsonObject.class::cast).map(r -> r.getString("by") + "/" + r.getString("unit") + "/"
                    + r.getString("matter") + "/" + r.getJsonArray("ids").encode()))
                    .containsExactly("matter/" + UNIT + "/no water/" + new JsonArray().add(id).add(secondId).encode());
            assertMasked(report.encode());

            // the export: every complaint, residents masked
            HttpResponse<String> csv = hub.get("/api/v1/complaints/export.csv?site=estate-a");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
            assertMasked(csv.body());
            assertThat(csv.body().lines().filter(l -> l.startsWith(id + ","))).singleElement().asString()
                    .contains(",张*,138****1234,phone,help-seeking,engineering,closed,desk.zhou,");
            assertThat(csv.body().lines().skip(1)).hasSize(3);
        }
    }

    private static void assertMasked(String text) {
        assertThat(text).doesNotContain(NAME, PHONE, PHONE.replace(" ", ""));
    }

    private static JsonObject step(HubFixture hub, String id, String step, JsonObject body) {
        HttpResponse<String> response = hub.post("/api/v1/complaints/" + id + "/" + step, body);
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
        assertMasked(response.body());
        return new JsonObject(response.body());
    }

    private static void assertRefused(HubFixture hub, String id, String step, JsonObject body, String reason) {
        HttpResponse<String> response = hub.post("/api/v1/complaints/" + id + "/" + step, body);
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(409);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message")).contains(reason);
    }

    private static void assertBad(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("bad_body");
        assertThat(error.getString("parameter")).isEqualTo(field);
    }

    /** The complaint's events, oldest first. */
    private static List<JsonObject> events(HubFixture hub, String id) {
        List<JsonObject> events = hub.json("/api/v1/timeline?kind=complaint.*&limit=500").getJsonArray("events").stream()
                .map(JsonObject.class::cast).filter(e -> id.equals(e.getString("subject"))).collect(Collectors.toList());
        Collections.reverse(events);
        return events;
    }

    private static List<String> story(HubFixture hub, String id) {
        return events(hub, id).stream().map(e -> e.getString("kind")).toList();
    }

    private static List<JsonObject> overdue(HubFixture hub, String id) {
        return events(hub, id).stream().filter(e -> e.getString("kind").equals("complaint.overdue")).toList();
    }
}

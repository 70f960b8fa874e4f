package io.dutyroom.hub.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.dutyroom.hub.timeline.Severity;
import io.dutyroom.hub.timeline.TimelineEvent;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What leaves the row: the API's JSON, the timeline's payload and the export, with the resident masked. */
class ComplaintRowTest {
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    private static Complaint complaint() {
        Complaint k = new Complaint();
        k.id = "C-000007";
        k.site = "estate-a";
        k.unit = "3-2-1201";
        k.building = "b3";
        k.floor = "12";
        k.residentName = "张伟";
        k.residentPhone = "13800001234";
        k.channel = ComplaintChannel.PHONE;
        k.summary = "=12楼停水, \"no water\"";
        k.matter = "no water";
        k.state = ComplaintState.RECORDED;
        k.owner = "desk.zhou";
        k.receivedBy = "desk.zhou";
        k.limits = new ComplaintLimits(Duration.ofHours(2), Duration.ofDays(3), Duration.ofDays(3));
        k.receivedAt = T0;
        k.updatedAt = T0;
        return k;
    }

    @Test
    void theApiMasksTheResidentUnlessAskedForPersonalData() {
        Complaint k = complaint();
        JsonObject masked = k.toJson(T0, false).getJsonObject("resident");
        assertThat(masked).isEqualTo(new JsonObject().put("name", "张*").put("phone", "138****1234").put("unit", "3-2-1201"));
        JsonObject full = k.toJson(T0, true).getJsonObject("resident");
        assertThat(full.getString("name")).isEqualTo("张伟");
        assertThat(full.getString("phone")).isEqualTo("13800001234");
        assertThat(k.toJson(T0, false).encode()).doesNotContain("张伟", "13800001234");
    }

    @Test
    void stepsShowTheirDueTimeAndWhetherTheyAreOverdue() {
        Complaint k = complaint();
        JsonObject early = k.toJson(T0.plus(Duration.ofHours(1)), false).getJsonObject("steps");
        assertThat(early.fieldNames()).containsExactly("assign");
        assertThat(early.getJsonObject("assign").getString("dueAt")).isEqualTo("2026-11-23T04:00:00Z");
        assertThat(early.getJsonObject("assign").getBoolean("overdue")).isFalse();

        k.overdue.add("assign");
        JsonObject late = k.toJson(T0.plus(Duration.ofHours(2)), false).getJsonObject("steps").getJsonObject("assign");
        assertThat(late.getBoolean("overdue")).isTrue();
        assertThat(late.getBoolean("raised")).isTrue();

        k.assignedAt = T0.plus(Duration.ofHours(3));
        JsonObject assigned = k.toJson(T0.plus(Duration.ofHours(4)), false).getJsonObject("steps");
        assertThat(assigned.getJsonObject("assign").getBoolean("overdue")).as("done, if late").isFalse();
        assertThat(assigned.getJsonObject("assign").getString("doneAt")).isEqualTo("2026-11-23T05:00:00Z");
        assertThat(assigned.getJsonObject("resolve").getString("dueAt")).isEqualTo("2026-11-26T05:00:00Z");
    }

    @Test
    void timelineEventsCarryTheResidentMasked() {
        TimelineEvent e = ComplaintService.event(complaint(), ComplaintEvents.RECORDED, Severity.INFO, T0, "desk.zhou", new JsonObject());
        assertThat(e.subject()).isEqualTo("C-000007");
        assertThat(e.payload().getString("complaintId")).isEqualTo("C-000007");
        assertThat(e.payload().getJsonObject("resident").getString("name")).isEqualTo("张*");
        assertThat(e.payload().getJsonObject("summary").getString("zh")).startsWith("=12楼停水");
        assertThat(e.toJson().encode()).doesNotContain("张伟", "13800001234");
    }

    @Test
    void theExportMasksResidentsQuotesFieldsAndDefusesFormulas() {
        String csv = ComplaintReport.csv(List.of(complaint()));
        assertThat(csv).doesNotContain("张伟", "13800001234");
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("C-000007,estate-a,3-2-1201,b3,12,张*,138****1234,phone,,,recorded,desk.zhou,desk.zhou,false,");
        assertThat(lines.get(1)).contains(",\"'=12楼停水, \"\"no water\"\"\",");
    }

    @Test
    void theQuarterIsTheEstatesCalendarQuarter() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        // 1 October, 03:00 in Shanghai, is still 30 September in UTC
        assertThat(ComplaintReport.quarterStart(Instant.parse("2026-09-30T19:00:00Z"), shanghai)).isEqualTo(Instant.parse("2026-09-30T16:00:00Z"));
        assertThat(new ComplaintReport(null, shanghai).quarterOf(T0))
                .isEqualTo(new ComplaintReport.Period(Instant.parse("2026-09-30T16:00:00Z"), Instant.parse("2026-12-31T16:00:00Z")));
    }
}

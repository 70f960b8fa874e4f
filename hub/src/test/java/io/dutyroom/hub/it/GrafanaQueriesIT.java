package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.hub.config.DatabaseOptions;
import io.dutyroom.hub.it.GrafanaDashboards.Dashboard;
import io.dutyroom.hub.storage.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioned Grafana dashboards against the real schema. A hub runs a small estate for a few
 * seconds (a pump's readings, its trip chattering into an alarm and a work order that misses its
 * respond limit, a drill on another pump, complaints, a patrol finding); then every dashboard is
 * opened as Grafana would open it, through the read-only role of {@code reader-role.sql}: variables
 * from their queries, every panel's and annotation's SQL with Grafana's macros expanded, each query
 * run and its figures checked against what the estate did. The telemetry panels run once more on a
 * real TimescaleDB engine, where Grafana buckets with {@code time_bucket}.
 *
 * <p>Every panel must show something from this estate: a panel added with broken SQL, or showing
 * nothing of what happened, fails here. Add the data a new panel shows to {@link #runTheEstate}.
 */
class GrafanaQueriesIT {
    private static final String SITE = "estate-a";
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void theDashboardsAndTheirProvisioningAreWhatGrafanaLoads() throws Exception {
        JsonNode datasource = yaml("provisioning/datasources/dutyroom.yaml").path("datasources").path(0);
        assertThat(datasource.path("uid").asText()).isEqualTo("dutyroom");
        assertThat(datasource.path("type").asText()).isEqualTo("grafana-postgresql-datasource");
        assertThat(datasource.path("jsonData").path("timescaledb").asBoolean()).isTrue();
        assertThat(datasource.path("url").asText()).startsWith("${DUTYROOM_GRAFANA_DB_HOST}");
        JsonNode provider = yaml("provisioning/dashboards/dutyroom.yaml").path("providers").path(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isNotBlank();

        Set<String> uids = new HashSet<>();
        for (Dashboard d : GrafanaDashboards.load()) {
            assertThat(uids.add(d.json().getString("uid"))).as("%s: uid unique", d.file()).isTrue();
            assertThat(d.json().getInteger("schemaVersion")).as("%s: schemaVersion", d.file()).isGreaterThanOrEqualTo(39);
            Set<Integer> ids = new HashSet<>();
            for (Object p : d.json().getJsonArray("panels")) {
                JsonObject row = (JsonObject) p;
                assertThat(ids.add(row.getInteger("id"))).as("%s: panel id %s unique", d.title(), row.getInteger("id")).isTrue();
                row.getJsonArray("panels", new JsonArray()).forEach(n -> assertThat(ids.add(((JsonObject) n).getInteger("id"))).isTrue());
            }
            for (JsonObject panel : d.panels()) {
                String name = d.title() + " / " + panel.getString("title");
                JsonObject grid = panel.getJsonObject("gridPos");
                assertThat(grid.getInteger("x") + grid.getInteger("w")).as(name + ": fits the 24 columns").isLessThanOrEqualTo(24);
                assertThat(grid.getInteger("h")).as(name).isPositive();
                assertThat(panel.getJsonObject("datasource").getString("uid")).as(name).isEqualTo("dutyroom");
                assertThat(panel.getJsonArray("targets")).as(name).isNotEmpty();
                for (Object t : panel.getJsonArray("targets")) {
                    JsonObject target = (JsonObject) t;
                    assertThat(target.getBoolean("rawQuery")).as(name + ": raw SQL").isTrue();
                    assertThat(target.getString("format")).as(name).isIn("time_series", "table");
                    assertThat(target.getString("refId")).as(name).isNotBlank();
                    assertThat(target.getString("rawSql")).as(name).isNotBlank();
                }
            }
            d.json().getJsonObject("templating").getJsonArray("list").stream().map(JsonObject.class::cast)
                    .filter(v -> v.getString("type").equals("query"))
                    .forEach(v -> assertThat(v.getJsonObject("datasource").getString("uid")).as(d.title() + " $" + v.getString("name")).isEqualTo("dutyroom"));
        }
        assertThat(uids).hasSize(3);
    }

    @Test
    void everyQueryRunsAsTheReaderRoleOnTheHubsSchemaAndShowsWhatTheEstateDid() throws Exception {
        try (HubFixture hub = new HubFixture()
                .with("DUTYROOM_ESTATE", write("estate.yaml", """
                        sites:
                          - id: estate-a
                            buildings:
                              - id: b1
                                floors: [B1, "1", "2"]
                                devices:
                                  - {id: pump-1, profile: water-pump-set, floor: B1}
                                  - {id: pump-2, profile: water-pump-set, floor: B1}
                        """))
                .with("DUTYROOM_WORK_ORDERS_ROSTER", write("roster.yaml", """
                        timeZone: UTC
                        shifts:
                          - {id: day, start: "08:00", end: "20:00"}
                          - {id: night, start: "20:00", end: "08:00"}
                        engineers:
                          - {id: li.na, skills: [plumber, general]}
                          - {id: wang.wei, skills: [electrician]}
                        duty:
                          - {shift: day, engineers: [li.na, wang.wei]}
                          - {shift: night, engineers: [li.na, wang.wei]}
                        """))
                // nobody signs for a pump order within a second here, so its respond limit is missed
                .with("DUTYROOM_WORK_ORDERS_POLICIES", write("policies.yaml", """
                        sites:
                          estate-a:
                            water-pump-fault: {respond: 1s}
                        """))
                .with("DUTYROOM_WORK_ORDERS_CHECK_EVERY", "200ms")
                .with("DUTYROOM_PATROLS_ROUTES", write("routes.yaml", routes()))
                // a return visit is overdue a second after the resolution
                .with("DUTYROOM_COMPLAINTS_RETURN_VISIT_WITHIN", "1s")
                .with("DUTYROOM_COMPLAINTS_CHECK_EVERY", "200ms")
                .start();
             Publisher devices = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            Estate estate = runTheEstate(hub, devices);

            DashboardRun run;
            try (ReaderRole reader = ReaderRole.create(hub.schema); Connection c = reader.connect()) {
                Instant to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
                run = new DashboardRun(c, new GrafanaMacros(to.minus(Duration.ofDays(2)), to, INTERVAL, false));
                for (Dashboard d : GrafanaDashboards.load()) {
                    run.open(d, Map.of("device", "pump-1"));
                }
                // and nothing more: residents' names and phones, and the log-in tables, stay out of Grafana's reach
                try (Statement s = c.createStatement()) {
                    for (String personal : List.of("SELECT resident_name FROM complaint", "SELECT resident_phone FROM complaint",
                            "SELECT password_hash FROM app_user", "SELECT token_hash FROM app_session")) {
                        assertThatThrownBy(() -> s.executeQuery(personal)).as(personal).hasMessageContaining("permission denied");
                    }
                }
            }
            assertThat(run.failures).as("queries that fail").isEmpty();
            everyPanelShowsSomethingAndTimeSeriesAreInTime(run);

            // equipment trends: the variables come from the data, and the figures are the pump's
            assertThat(run.variables.get("Dutyroom · Equipment trends / $site")).containsExactly(SITE);
            assertThat(run.variables.get("Dutyroom · Equipment trends / $device")).containsExactly("pump-1", "pump-2");
            assertThat(run.variables.get("Dutyroom · Equipment trends / $point"))
                    .containsExactly("motor_current", "outlet_pressure", "pump1_fault", "pump1_running", "pump2_fault", "pump2_running", "tank_level");
            DashboardRun.Result latest = result(run, "Dutyroom · Equipment trends / Latest readings");
            assertThat(number(latest.where("Point", "outlet_pressure").get(0).get("Value"))).isCloseTo(estate.lastPressure, within(1e-9));
            DashboardRun.Result range = result(run, "Dutyroom · Equipment trends / outlet_pressure: min, average and max");
            assertThat(range.column("min").stream().mapToDouble(GrafanaQueriesIT::number).min().orElseThrow()).isCloseTo(estate.lowestPressure, within(1e-9));
            assertThat(range.column("max").stream().mapToDouble(GrafanaQueriesIT::number).max().orElseThrow()).isCloseTo(estate.highestPressure, within(1e-9));
            assertThat(result(run, "Dutyroom · Equipment trends / Readings by quality").sum("good")).isEqualTo(estate.pumpOneReadings);
            assertThat(result(run, "Dutyroom · Equipment trends / Connectivity").column("online")).contains(1);
            assertThat(result(run, "Dutyroom · Equipment trends / annotation Alarms").column("tags")).containsExactly("high");

            // alarms: one real alarm, its chatter and its acknowledgement; the drill's is nowhere
            DashboardRun.Result perDay = result(run, "Dutyroom · Alarms and work orders / Alarms raised per day, by priority");
            assertThat(perDay.sum("high")).as("the drill's alarm left out").isEqualTo(1);
            assertThat(perDay.sum("urgent") + perDay.sum("medium") + perDay.sum("low")).isZero();
            assertThat(result(run, "Dutyroom · Alarms and work orders / Alarm rate").column("Busiest 10 minutes")).containsExactly(1L);
            DashboardRun.Result frequent = result(run, "Dutyroom · Alarms and work orders / Most frequent alarms");
            assertThat(frequent.rows()).hasSize(1);
            assertThat(frequent.asMap(frequent.rows().get(0))).containsEntry("Source", "pump-1").containsEntry("Rule", "pump-trip")
                    .containsEntry("Activations", 3L).containsEntry("Chattering episodes", 1L);
            DashboardRun.Result acknowledged = result(run, "Dutyroom · Alarms and work orders / Time to acknowledge, by priority");
            assertThat(acknowledged.column("Priority")).containsExactly("high");
            assertThat(acknowledged.column("Acknowledged")).containsExactly(1L);
            assertThat(result(run, "Dutyroom · Alarms and work orders / Standing alarms").column("Source")).containsExactly("pump-1");

            // work orders: the pump's order, resolved, its respond limit missed; the drill's order left out
            DashboardRun.Result steps = result(run, "Dutyroom · Alarms and work orders / Work orders opened, resolved and closed per day");
            assertThat(steps.sum("opened")).isEqualTo(1);
            assertThat(steps.sum("resolved")).isEqualTo(1);
            assertThat(steps.sum("closed")).isZero();
            DashboardRun.Result ages = result(run, "Dutyroom · Alarms and work orders / Open work orders by age");
            assertThat(ages.column("Age")).containsExactly("under 1 h", "1 h to 4 h", "4 h to 1 day", "1 to 3 days", "over 3 days");
            assertThat(ages.column("Open orders")).containsExactly(1L, 0L, 0L, 0L, 0L);
            DashboardRun.Result compliance = result(run, "Dutyroom · Alarms and work orders / Time-limit compliance by category and step");
            assertThat(compliance.where("Step", "respond")).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("Category", "water").containsEntry("Met", 0L).containsEntry("Missed", 1L));
            assertThat(compliance.where("Step", "arrive")).singleElement().satisfies(r -> assertThat(r).containsEntry("Met", 1L).containsEntry("Compliance", 1.0));
            assertThat(compliance.where("Step", "resolve")).singleElement().satisfies(r -> assertThat(r).containsEntry("Met", 1L));
            assertThat(result(run, "Dutyroom · Alarms and work orders / Mean times by category").where("Category", "water"))
                    .singleElement().satisfies(r -> assertThat(r).containsEntry("Orders", 1L));
            assertThat(result(run, "Dutyroom · Alarms and work orders / Equipment with the most work orders").column("Equipment or place"))
                    .containsExactly("pump-1");

            // patrols: two judged rounds with one checkpoint missed, and the guard's finding
            DashboardRun.Result rounds = result(run, "Dutyroom · Patrols and complaints / Rounds per route");
            assertThat(rounds.where("Route", "b1-night")).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("Rounds", 2L).containsEntry("Missed", 1L).containsEntry("Completion", 5.0 / 6));
            assertThat(result(run, "Dutyroom · Patrols and complaints / Most missed checkpoints").column("Checkpoint")).containsExactly("b1-roof");
            assertThat(result(run, "Dutyroom · Patrols and complaints / Patrol findings per week").sum("attention")).isEqualTo(1);

            // complaints: three received, one return visit made, one overdue
            DashboardRun.Result kinds = result(run, "Dutyroom · Patrols and complaints / Complaints per week, by kind");
            assertThat(kinds.column("metric")).containsExactlyInAnyOrder("help-seeking", "venting", "not judged");
            assertThat(result(run, "Dutyroom · Patrols and complaints / Complaints by channel").sum("Complaints")).isEqualTo(3);
            DashboardRun.Result satisfaction = result(run, "Dutyroom · Patrols and complaints / Return-visit satisfaction");
            assertThat(satisfaction.column("Return visits")).containsExactly(1L);
            assertThat(number(satisfaction.column("Satisfied").get(0))).isEqualTo(1.0);
            assertThat(result(run, "Dutyroom · Patrols and complaints / Complaint steps overdue per week").column("metric")).contains("return-visit");
            assertThat(result(run, "Dutyroom · Patrols and complaints / Overdue return visits").column("Complaint"))
                    .containsExactly(estate.complaintAwaitingItsCall);
        }
    }

    @Test
    void theTelemetryPanelsBucketWithTimeBucketOnTimescaleDb() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        try (TimescaleEngine engine = TimescaleEngine.start();
             Database database = Database.open(engine.url, engine.user, engine.password, new DatabaseOptions(engine.url, engine.user,
                     engine.password, "public", 1, "127.0.0.1", 0, DatabaseOptions.Timescale.REQUIRED))) {
            // plain INSERTs: the WASM engine cannot COPY
            try (Connection c = database.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO telemetry (ts, device_id, point, value, quality) VALUES (?, 'pump-1', ?, ?, 0)");
                 Statement s = c.createStatement()) {
                for (int minute = 0; minute < 120; minute++) {
                    ps.setObject(1, start.plus(Duration.ofMinutes(minute)).atOffset(ZoneOffset.UTC));
                    ps.setString(2, "outlet_pressure");
                    ps.setDouble(3, minute);
                    ps.addBatch();
                }
                ps.executeBatch();
                s.execute("INSERT INTO timeline_event (ts, kind, site_id, subject, severity, payload)"
                        + " VALUES ('" + start + "', 'device.online', '" + SITE + "', 'pump-1', 'info', '{\"cause\": \"data\"}')");
            }
            DashboardRun run;
            try (Connection c = database.dataSource().getConnection()) {
                run = new DashboardRun(c, new GrafanaMacros(start.minus(Duration.ofDays(1)), start.plus(Duration.ofHours(2)), Duration.ofMinutes(30), true));
                // every dashboard's SQL runs on TimescaleDB; only the telemetry has rows here
                for (Dashboard d : GrafanaDashboards.load()) {
                    run.open(d, Map.of("device", "pump-1"));
                }
            }
            assertThat(run.failures).as("queries that fail on TimescaleDB").isEmpty();
            DashboardRun.Result average = result(run, "Dutyroom · Equipment trends / Average by point");
            assertThat(average.sql()).contains("time_bucket('1800.000s',ts)");
            // four half-hour buckets of minutes 0-29, 30-59, ...: means 14.5, 44.5, 74.5, 104.5
            assertThat(average.column("value")).containsExactly(14.5, 44.5, 74.5, 104.5);
            DashboardRun.Result range = result(run, "Dutyroom · Equipment trends / outlet_pressure: min, average and max");
            assertThat(range.column("min")).containsExactly(0.0, 30.0, 60.0, 90.0);
            assertThat(range.column("max")).containsExactly(29.0, 59.0, 89.0, 119.0);
            assertThat(result(run, "Dutyroom · Equipment trends / Readings by quality").column("good")).containsExactly(30L, 30L, 30L, 30L);
            assertThat(number(result(run, "Dutyroom · Equipment trends / Latest readings").column("Value").get(0))).isEqualTo(119.0);
        }
    }

    /** What the estate did, for the figures the dashboards must show. */
    private record Estate(double lowestPressure, double highestPressure, double lastPressure, long pumpOneReadings, String complaintAwaitingItsCall) {
    }

    /**
     * A few seconds of the estate through the hub, as a duty room lives it. Only the judged patrol
     * rounds go in by SQL, as PatrolStore writes them: the hub judges a round when its window closes,
     * and waiting for one costs a minute or more.
     */
    private Estate runTheEstate(HubFixture hub, Publisher devices) throws Exception {
        // four minutes of healthy running, 10 s apart (older readings would make the pump's outlet
        // pressure look stale to its pressure-stale rule)
        Instant first = Instant.now().minusSeconds(240).truncatedTo(ChronoUnit.SECONDS);
        List<Double> pressures = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double pressure = new BigDecimal(400 + 5 * i).movePointLeft(3).doubleValue();
            pressures.add(pressure);
            publish(hub, devices, "pump-1", first.plusSeconds(10L * i), null, new JsonObject().put("outlet_pressure", pressure)
                    .put("tank_level", 2.0).put("motor_current", 30.0 + i % 3).put("pump1_running", true).put("pump2_running", false)
                    .put("pump1_fault", false).put("pump2_fault", false));
        }
        // the duty pump trips, resets, trips, resets and trips within seconds: a raise, two repeats, chattering
        Instant trips = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        double lastPressure = 0.45;
        for (int i = 0; i < 5; i++) {
            publish(hub, devices, "pump-1", trips.plusSeconds(i), null, new JsonObject().put("pump1_fault", i % 2 == 0).put("pump2_fault", false)
                    .put("pump1_running", false).put("pump2_running", true).put("outlet_pressure", lastPressure));
        }
        // the same fault on the other pump, in a drill
        publish(hub, devices, "pump-2", trips, "pump-trip-drill", new JsonObject().put("pump1_fault", true).put("pump2_fault", false)
                .put("pump1_running", false).put("pump2_running", true).put("outlet_pressure", 0.5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(hub.count("SELECT count(*) FROM timeline_event WHERE kind = 'alarm.repeated' AND subject = 'pump-1'")).isEqualTo(2);
            assertThat(hub.count("SELECT count(*) FROM timeline_event WHERE kind = 'alarm.chattering' AND subject = 'pump-1'")).isEqualTo(1);
            assertThat(hub.count("SELECT count(*) FROM work_order WHERE drill IS NOT NULL")).isEqualTo(1);
            // nobody signed for the pump's order within its second
            assertThat(hub.count("SELECT count(*) FROM timeline_event WHERE kind = 'workorder.sla-breached' AND payload->>'step' = 'respond'"
                    + " AND subject = 'pump-1'")).isEqualTo(1);
        });
        long pumpOneReadings = hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'pump-1'");
        assertThat(pumpOneReadings).isEqualTo(24 * 7 + 5 * 5);

        // the duty engineer acknowledges the alarm; the plumber signs for the order, arrives and fixes the pump
        String alarm = hub.json("/api/v1/alarms?device=pump-1").getJsonArray("alarms").getJsonObject(0).getString("id");
        ok(hub.post("/api/v1/alarms/" + alarm + "/acknowledge", new JsonObject().put("user", "wang.wei")));
        String order = hub.json("/api/v1/work-orders?source=pump-1").getJsonArray("workOrders").getJsonObject(0).getString("id");
        ok(hub.post("/api/v1/work-orders/" + order + "/accept", new JsonObject().put("user", "li.na")));
        ok(hub.post("/api/v1/work-orders/" + order + "/arrive", new JsonObject().put("user", "li.na")));
        ok(hub.post("/api/v1/work-orders/" + order + "/resolve", new JsonObject().put("user", "li.na").put("note", "contactor replaced")));

        // three complaints: one resolved and waiting for its call back, one called back and closed, one not yet judged
        String awaiting = complaint(hub, "phone", "No hot water in 1-1-101");
        step(hub, awaiting, "assign", new JsonObject().put("kind", "help-seeking").put("department", "engineering"));
        step(hub, awaiting, "handle", new JsonObject());
        step(hub, awaiting, "resolve", new JsonObject().put("result", "boiler pressure restored"));
        String closed = complaint(hub, "visit", "Noise from the pump room at night");
        step(hub, closed, "assign", new JsonObject().put("kind", "venting").put("department", "engineering"));
        step(hub, closed, "handle", new JsonObject());
        step(hub, closed, "resolve", new JsonObject().put("result", "pump mounts replaced"));
        step(hub, closed, "return-visit", new JsonObject().put("satisfied", true));
        step(hub, closed, "close", new JsonObject());
        complaint(hub, "email-web", "Question about the water bill");
        await().atMost(Duration.ofSeconds(15)).until(() -> hub.count("SELECT count(*) FROM timeline_event WHERE kind = 'complaint.overdue'"
                + " AND payload->>'step' = 'return-visit' AND subject = '" + awaiting + "'") == 1);

        // a guard notes something on the lobby door
        HttpResponse<String> scan = hub.post("/api/v1/patrols/scans", new JsonObject().put("site", SITE).put("checkpoint", "b1-lobby")
                .put("guard", "zhou.min").put("condition", "attention").put("text", "door closer leaking oil"));
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(201);
        // last night's round walked in full, tonight's with the roof missed
        Instant tonight = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        round(hub, tonight.minus(Duration.ofDays(1)), 3, "b1-lobby", "b1-2f", "b1-roof");
        round(hub, tonight, 2, "b1-lobby", "b1-2f");
        return new Estate(pressures.get(0), pressures.get(pressures.size() - 1), lastPressure, pumpOneReadings, awaiting);
    }

    private static void publish(HubFixture hub, Publisher devices, String device, Instant ts, String drill, JsonObject values) {
        JsonObject payload = new JsonObject().put("ts", ts.toString()).put("values", values);
        if (drill != null) {
            payload.put("drill", drill);
        }
        devices.publish(hub.topic(SITE, device, "telemetry"), payload.encode());
    }

    private static String complaint(HubFixture hub, String channel, String summary) {
        HttpResponse<String> response = hub.post("/api/v1/complaints", new JsonObject().put("user", "desk.zhou").put("site", SITE)
                .put("unit", "1-1-101").put("building", "b1").put("floor", "1").put("channel", channel).put("summary", summary));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body()).getString("id");
    }

    private static void step(HubFixture hub, String complaint, String step, JsonObject body) {
        ok(hub.post("/api/v1/complaints/" + complaint + "/" + step, body.put("user", "desk.zhou")));
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(200);
    }

    /** A judged round of route b1-night, as PatrolStore.saveRound writes it: the checkpoints not named were missed. */
    private static void round(HubFixture hub, Instant opens, int done, String... scanned) throws SQLException {
        List<String> all = List.of("b1-lobby", "b1-2f", "b1-roof");
        JsonArray result = new JsonArray();
        for (int i = 0; i < all.size(); i++) {
            boolean walked = List.of(scanned).contains(all.get(i));
            result.add(new JsonObject().put("checkpoint", all.get(i)).put("status", walked ? "on-time" : "missed")
                    .put("guard", walked ? "zhou.min" : null).put("at", walked ? opens.plus(Duration.ofMinutes(5L * (i + 1))).toString() : null));
        }
        Instant closes = opens.plus(Duration.ofMinutes(30));
        TestServices.Db db = TestServices.db();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + hub.schema + ".patrol_round (round_id, site_id, route_id, opens, closes,"
                     + " due_at, judged_at, checkpoints, done, early, late, missed, out_of_order, guards, result)"
                     + " VALUES (?, ?, 'b1-night', ?, ?, ?, ?, ?, ?, 0, 0, ?, false, '[\"zhou.min\"]', ?::jsonb)")) {
            ps.setString(1, "b1-night@" + opens);
            ps.setString(2, SITE);
            ps.setObject(3, opens.atOffset(ZoneOffset.UTC));
            ps.setObject(4, closes.atOffset(ZoneOffset.UTC));
            ps.setObject(5, closes.atOffset(ZoneOffset.UTC));
            ps.setObject(6, closes.atOffset(ZoneOffset.UTC));
            ps.setInt(7, all.size());
            ps.setInt(8, done);
            ps.setInt(9, all.size() - done);
            ps.setString(10, result.encode());
            ps.executeUpdate();
        }
    }

    /** The route of the scans, with its window well away from now so that no round is judged while the test runs. */
    private static String routes() {
        LocalTime opens = LocalTime.now(ZoneOffset.UTC).plusHours(6).truncatedTo(ChronoUnit.MINUTES);
        return """
                timeZone: UTC
                routes:
                  - id: b1-night
                    site: estate-a
                    name: {zh: 1号楼夜巡, en: Building 1 night round}
                    windows: [{start: "%s", end: "%s"}]
                    checkpoints:
                      - {id: b1-lobby, building: b1, floor: "1", name: 1层大堂, checks: [entrance doors]}
                      - {id: b1-2f, building: b1, floor: "2", name: 2层防火门, checks: [fire doors]}
                      - {id: b1-roof, building: b1, name: 屋面, checks: [rooftop]}
                """.formatted(opens, opens.plusMinutes(30));
    }

    private static void everyPanelShowsSomethingAndTimeSeriesAreInTime(DashboardRun run) {
        for (Map.Entry<String, DashboardRun.Result> e : run.results.entrySet()) {
            assertThat(e.getValue().rows()).as("%s shows nothing of the estate:%n%s", e.getKey(), e.getValue().sql()).isNotEmpty();
        }
        for (Map.Entry<String, DashboardRun.Result> e : run.timeSeries.entrySet()) {
            List<Double> times = e.getValue().column("time").stream().map(GrafanaQueriesIT::epoch).toList();
            assertThat(times).as("%s: Grafana needs its time column in order", e.getKey()).isSorted();
        }
    }

    private static DashboardRun.Result result(DashboardRun run, String panel) {
        DashboardRun.Result r = run.results.get(panel);
        assertThat(r).as("no panel '%s' among %s", panel, run.results.keySet()).isNotNull();
        return r;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    /** A time column as Grafana reads it: a timestamp, or epoch seconds from the plain $__timeGroup. */
    private static double epoch(Object value) {
        return value instanceof OffsetDateTime t ? t.toInstant().toEpochMilli() / 1000.0 : number(value);
    }

    private static JsonNode yaml(String file) throws Exception {
        Path path = GrafanaDashboards.FOLDER.resolve(file);
        return YamlDocument.read(path.toString(), Files.readAllBytes(path)).root();
    }

    private String write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    /**
     * The read-only role of {@code dashboards/grafana/reader-role.sql}, made by running that file as
     * psql would with its variables set, and dropped afterwards (roles belong to the whole server).
     */
    private record ReaderRole(String name, String password) implements AutoCloseable {
        static ReaderRole create(String schema) throws Exception {
            ReaderRole role = new ReaderRole("grafana_" + schema, UUID.randomUUID().toString());
            String script = Files.readString(GrafanaDashboards.FOLDER.resolve("reader-role.sql"))
                    .replace(":\"schema\"", '"' + schema + '"').replace(":\"role\"", '"' + role.name + '"')
                    .replace(":'password'", "'" + role.password + "'");
            try (Connection c = admin(); Statement s = c.createStatement()) {
                for (String statement : script.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
            return role;
        }

        Connection connect() throws SQLException {
            // the role's own log-in, so that its search_path and read-only default apply as they would for Grafana
            String url = TestServices.db().url().replaceAll("([?&])(user|password)=[^&]*&?", "$1");
            return DriverManager.getConnection(url, name, password);
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DROP OWNED BY \"" + name + "\"");
                s.execute("DROP ROLE \"" + name + "\"");
            }
        }

        private static Connection admin() throws SQLException {
            TestServices.Db db = TestServices.db();
            return DriverManager.getConnection(db.url(), db.user(), db.password());
        }
    }
}

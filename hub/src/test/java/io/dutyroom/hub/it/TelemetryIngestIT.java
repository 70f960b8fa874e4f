package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dutyroom.hub.ingest.DeviceState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Telemetry over a real broker into a real PostgreSQL, read back through the API. */
class TelemetryIngestIT {
    private static HubFixture hub;
    private static Publisher device;

    @BeforeAll
    static void start() {
        hub = new HubFixture().start();
        device = new Publisher(TestServices.mqttUrl(), hub.publisherId());
    }

    @AfterAll
    static void stop() {
        device.close();
        hub.close();
    }

    @Test
    void theEstateIsListedWithTheNamesItsPeopleUse() {
        JsonObject site = hub.json("/api/v1/sites").getJsonArray("sites").getJsonObject(0);
        assertThat(site.getString("id")).isEqualTo("estate-a");
        assertThat(site.getJsonObject("name").getString("zh")).isEqualTo("测试花园");
        JsonObject b1 = site.getJsonArray("buildings").getJsonObject(0);
        assertThat(b1.getString("id")).isEqualTo("b1");
        assertThat(b1.getJsonObject("name").getString("en")).isEqualTo("Tower 1");
        assertThat(b1.getJsonArray("floors").getList()).containsExactly("B1", "1", "2");
        assertThat(hub.get("/api/v1/sites?building=b1").statusCode()).as("an unknown parameter is refused").isEqualTo(400);
    }

    @Test
    void aPublishedReadingIsStoredAndQueryable() {
        // GIVEN a registered pump set, WHEN it publishes, THEN the API shows the latest values and the stored rows
        long ts = Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        device.publish(hub.topic("estate-a", "pump-1", "telemetry"), "{\"ts\": " + ts + ", \"values\": {\"outlet_pressure\": 0.43, \"pump1_running\": true}}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonObject pump = hub.json("/api/v1/devices/pump-1");
            JsonObject pressure = point(pump.getJsonArray("points"), "outlet_pressure");
            assertThat(pressure.getDouble("value")).isEqualTo(0.43);
            assertThat(pressure.getString("ts")).isEqualTo(Instant.ofEpochMilli(ts).toString());
            assertThat(pressure.getString("unit")).isEqualTo("MPa");
            assertThat(pump.getString("connectivity")).isEqualTo("online");
        });
        JsonObject telemetry = hub.json("/api/v1/devices/pump-1/telemetry?point=pump1_running&from=" + (ts - 1000) + "&to=" + (ts + 1000));
        assertThat(telemetry.getJsonArray("readings")).hasSize(1);
        assertThat(telemetry.getJsonArray("readings").getJsonObject(0).getDouble("value")).isEqualTo(1.0);
        assertThat(telemetry.getJsonArray("readings").getJsonObject(0).getString("quality")).isEqualTo("good");
    }

    @Test
    void bucketsGiveMinAverageAndMaxPerInterval() {
        Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 6; i++) {
            long ts = base.plus(Duration.ofMinutes(i * 10L)).toEpochMilli();
            device.publish(hub.topic("estate-a", "lift-1", "telemetry"), "{\"ts\": " + ts + ", \"values\": {\"floor\": " + (i + 1) + "}}");
        }
        String query = "/api/v1/devices/lift-1/telemetry?point=floor&bucket=30m&from=" + base + "&to=" + base.plus(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hub.json(query).getJsonArray("buckets")).hasSize(2));
        JsonArray buckets = hub.json(query).getJsonArray("buckets");
        assertThat(buckets.getJsonObject(0).getString("ts")).isEqualTo(base.toString());
        assertThat(buckets.getJsonObject(0).getDouble("min")).isEqualTo(1.0);
        assertThat(buckets.getJsonObject(0).getDouble("avg")).isEqualTo(2.0);
        assertThat(buckets.getJsonObject(0).getDouble("max")).isEqualTo(3.0);
        assertThat(buckets.getJsonObject(1).getLong("count")).isEqualTo(3L);
    }

    @Test
    void badInputIsCountedByReasonAndGoodInputStillFlows() {
        String topic = hub.topic("estate-a", "door-1", "telemetry");
        double malformed = hub.metric("dutyroom_ingest_rejected_total{reason=\"malformed_json\"}");
        double wrongType = hub.metric("dutyroom_ingest_rejected_total{reason=\"wrong_type\"}");
        double unknownPoint = hub.metric("dutyroom_ingest_rejected_total{reason=\"unknown_point\"}");
        double badTopic = hub.metric("dutyroom_ingest_rejected_total{reason=\"bad_topic\"}");

        device.publish(topic, "{\"values\": {\"door_open\": tru");
        device.publish(topic, "{\"values\": {\"door_open\": \"yes\", \"locked\": true}}");
        device.publish(topic, "{\"values\": {\"no_such_point\": 1, \"held_open\": false}}");
        device.publish(hub.topicRoot + "/estate-a/door-1/somethingelse", "{}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(hub.metric("dutyroom_ingest_rejected_total{reason=\"malformed_json\"}")).isEqualTo(malformed + 1);
            assertThat(hub.metric("dutyroom_ingest_rejected_total{reason=\"wrong_type\"}")).isEqualTo(wrongType + 1);
            assertThat(hub.metric("dutyroom_ingest_rejected_total{reason=\"unknown_point\"}")).isEqualTo(unknownPoint + 1);
            assertThat(hub.metric("dutyroom_ingest_rejected_total{reason=\"bad_topic\"}")).isEqualTo(badTopic + 1);
            JsonArray points = hub.json("/api/v1/devices/door-1").getJsonArray("points");
            assertThat(point(points, "locked").getDouble("value")).isEqualTo(1.0);
            assertThat(point(points, "held_open").getDouble("value")).isEqualTo(0.0);
        });
        assertThat(hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'door-1' AND point IN ('door_open', 'no_such_point')")).isZero();
    }

    @Test
    void anUnregisteredDeviceIsKeptFlaggedAndListed() {
        device.publish(hub.topic("estate-a", "stranger-9", "telemetry"), "{\"values\": {\"temp\": 21.5}}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonArray unregistered = hub.json("/api/v1/devices?registered=false").getJsonArray("devices");
            assertThat(unregistered).extracting(d -> ((JsonObject) d).getString("id")).contains("stranger-9");
            assertThat(hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'stranger-9' AND quality = 3")).isEqualTo(1);
        });
        JsonArray events = hub.json("/api/v1/timeline?device=stranger-9&kind=device.unregistered-seen").getJsonArray("events");
        assertThat(events).hasSize(1);
        assertThat(events.getJsonObject(0).getString("site")).isEqualTo("estate-a");
        assertThat(hub.json("/api/v1/devices/stranger-9").getJsonArray("points").getJsonObject(0).getString("quality")).isEqualTo("unregistered");
    }

    @Test
    void anUnregisteredDeviceCannotInventPointNamesWithoutEnd() {
        String topic = hub.topic("estate-a", "stranger-inventive", "telemetry");
        double refused = hub.metric("dutyroom_ingest_rejected_total{reason=\"unregistered_limit\"}");
        int limit = DeviceState.MAX_UNREGISTERED_POINTS;

        // WHEN a client publishes 100 new point names, 10 per message
        for (int m = 0; m < 10; m++) {
            JsonObject values = new JsonObject();
            for (int p = 0; p < 10; p++) {
                values.put("invented_" + (m * 10 + p), m);
            }
            device.publish(topic, new JsonObject().put("values", values).encode());
        }

        // THEN the first 64 names are stored, the rest refused and counted
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hub.metric("dutyroom_ingest_rejected_total{reason=\"unregistered_limit\"}")).isEqualTo(refused + 100 - limit));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hub.count("SELECT count(DISTINCT point) FROM telemetry WHERE device_id = 'stranger-inventive'")).isEqualTo(limit));
        assertThat(hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'stranger-inventive' AND point = 'invented_" + (limit + 1) + "'")).isZero();

        // and a name it already has is still stored: a commissioning meter keeps reporting
        device.publish(topic, "{\"values\": {\"invented_0\": 42, \"invented_99\": 42}}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'stranger-inventive' AND point = 'invented_0' AND value = 42")).isEqualTo(1));
        assertThat(hub.metric("dutyroom_ingest_rejected_total{reason=\"unregistered_limit\"}")).isEqualTo(refused + 100 - limit + 1);
    }

    @Test
    void statusChangesReachTheTimelineAndTheLiveFeed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> live = client.send(HttpRequest.newBuilder(URI.create(hub.hub().httpUrl() + "/api/v1/timeline/live?device=lift-1&kind=device.offline")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(live.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        return line.substring(6);
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric("dutyroom_live_clients") >= 1);

        device.publish(hub.topic("estate-a", "lift-1", "status"), "offline");

        JsonObject event = new JsonObject(firstEvent.get(20, TimeUnit.SECONDS));
        assertThat(event.getString("kind")).isEqualTo("device.offline");
        assertThat(event.getString("subject")).isEqualTo("lift-1");
        assertThat(event.getString("severity")).isEqualTo("warning");
        JsonArray stored = hub.json("/api/v1/timeline?device=lift-1&kind=device.offline").getJsonArray("events");
        assertThat(stored.getJsonObject(0).getLong("id")).isEqualTo(event.getLong("id"));
        assertThat(hub.json("/api/v1/devices/lift-1").getString("connectivity")).isEqualTo("offline");
    }

    @Test
    void timelinePagesFollowTheCursor() {
        for (String id : new String[] {"p-1", "p-2", "p-3"}) {
            device.publish(hub.topic("estate-a", id, "telemetry"), "{\"values\": {\"x\": 1}}");
        }
        String query = "/api/v1/timeline?kind=device.unregistered-seen&site=estate-a&limit=2";
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.json(query).getString("next") != null);

        JsonObject first = hub.json(query);
        JsonObject second = hub.json(query + "&cursor=" + first.getString("next"));
        assertThat(first.getJsonArray("events")).hasSize(2);
        assertThat(second.getJsonArray("events")).isNotEmpty();
        assertThat(second.getJsonArray("events").getJsonObject(0).getLong("id"))
                .isLessThan(first.getJsonArray("events").getJsonObject(1).getLong("id"));
    }

    @Test
    void wrongApiCallsGetJsonErrorsThatNameTheProblem() {
        assertThat(hub.get("/api/v1/devices/nope").statusCode()).isEqualTo(404);
        assertThat(new JsonObject(hub.get("/api/v1/devices/nope").body()).getJsonObject("error").getString("code")).isEqualTo("not_found");
        var bad = hub.get("/api/v1/devices/pump-1/telemetry?bucket=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getJsonObject("error").getString("parameter")).isEqualTo("bucket");
        assertThat(hub.get("/api/v1/timeline?limit=0").statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/v1/timeline?colour=red").statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/v1/devices/pump-1/telemetry?point=floor").statusCode()).isEqualTo(400);
        assertThat(hub.get("/api/v1/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void drillTrafficIsStoredAndShownAsDrill() {
        device.publish(hub.topic("estate-a", "door-1", "telemetry"), "{\"drill\": \"door-forced-at-night-20261123T220000\", \"values\": {\"forced_open\": true}}");
        device.publish(hub.topic("estate-a", "door-1", "event"), "{\"type\": \"door.forced\", \"drill\": \"door-forced-at-night-20261123T220000\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(hub.json("/api/v1/devices/door-1").getString("drill")).isEqualTo("door-forced-at-night-20261123T220000");
            JsonArray events = hub.json("/api/v1/timeline?device=door-1&kind=device.event").getJsonArray("events");
            assertThat(events).isNotEmpty();
            assertThat(events.getJsonObject(0).getJsonObject("payload").getString("drill")).isEqualTo("door-forced-at-night-20261123T220000");
        });

        device.publish(hub.topic("estate-a", "door-1", "telemetry"), "{\"values\": {\"forced_open\": false}}");
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.json("/api/v1/devices/door-1").getValue("drill") == null);
    }

    @Test
    void healthReportsBrokerDatabaseAndWriter() {
        JsonObject health = hub.json("/health");
        assertThat(health.getString("status")).isEqualTo("up");
        assertThat(health.getJsonObject("broker").getBoolean("connected")).isTrue();
        assertThat(health.getJsonObject("database").getString("flavour")).isEqualTo("postgres");
        assertThat(health.getJsonObject("writer").getInteger("queuedReadings")).isNotNull();
    }

    private static JsonObject point(JsonArray points, String name) {
        for (int i = 0; i < points.size(); i++) {
            if (name.equals(points.getJsonObject(i).getString("name"))) {
                return points.getJsonObject(i);
            }
        }
        throw new AssertionError("no point " + name + " in " + points);
    }
}

package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost: not under a burst larger than the writer's queue, not while the
 * database is unreachable, not across a hub restart.
 */
class DurabilityIT {

    @Test
    void aBurstLargerThanTheWriterQueueIsStoredWholeWithBackPressureVisible() {
        // GIVEN a writer queue of 40 readings, WHEN 400 messages of 20 readings arrive at once
        try (HubFixture hub = new HubFixture().with("DUTYROOM_STORAGE_QUEUE_CAPACITY", "40").with("DUTYROOM_STORAGE_BATCH_SIZE", "40").start();
             Publisher device = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            int messages = 400;
            for (int m = 0; m < messages; m++) {
                StringBuilder payload = new StringBuilder("{\"values\": {");
                for (int i = 0; i < 20; i++) {
                    payload.append(i == 0 ? "" : ", ").append("\"p").append(i).append("\": ").append(m);
                }
                device.publish(hub.topic("estate-a", "unlisted-burst", "telemetry"), payload.append("}}").toString());
            }

            // THEN every reading is stored, and the metrics show ingest waited for the writer
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'unlisted-burst'")).isEqualTo(messages * 20L));
            assertThat(hub.metric("dutyroom_ingest_backlog_waits_total")).isPositive();
            assertThat(hub.metric("dutyroom_ingest_rejected_total{reason=\"overloaded\"}")).isZero();
            assertThat(hub.metric("dutyroom_telemetry_readings_written_total")).isEqualTo(messages * 20.0);
        }
    }

    @Test
    void theHubHoldsNoMoreThanItsWindowWhateverTheBrokerSends() {
        // GIVEN a window of 5 unfinished messages and a writer queue of 10 readings: brokers do not all
        // honour the receive maximum, so the adapter's own window must hold the line
        try (HubFixture hub = new HubFixture().with("DUTYROOM_MQTT_RECEIVE_MAXIMUM", "5")
                .with("DUTYROOM_STORAGE_QUEUE_CAPACITY", "10").start();
             Publisher device = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            for (int m = 0; m < 1000; m++) {
                device.publish(hub.topic("estate-a", "unlisted-window", "telemetry"), "{\"values\": {\"a\": " + m + ", \"b\": 1}}");
            }

            // THEN nothing is refused as overload and everything is stored
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'unlisted-window'")).isEqualTo(2000));
            assertThat(hub.metric("dutyroom_ingest_rejected_total{reason=\"overloaded\"}")).isZero();
            assertThat(hub.metric("dutyroom_mqtt_unacknowledged")).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aDatabaseOutageLosesNothingAndTheWriterRecovers() throws Exception {
        try (TcpProxy proxy = TcpProxy.forDatabase(TestServices.db().url())) {
            try (HubFixture hub = new HubFixture().with("DUTYROOM_DB_URL", proxy.jdbcUrl()).start();
                 Publisher device = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
                String topic = hub.topic("estate-a", "pump-1", "telemetry");
                for (int i = 0; i < 20; i++) {
                    device.publish(topic, "{\"values\": {\"outlet_pressure\": " + i + "}}");
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> hub.count("SELECT count(*) FROM telemetry") == 20);

                // WHEN the database becomes unreachable and devices keep publishing
                proxy.cut();
                for (int i = 20; i < 120; i++) {
                    device.publish(topic, "{\"values\": {\"outlet_pressure\": " + i + "}}");
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(hub.metric("dutyroom_telemetry_writer_retries_total")).isPositive();
                    assertThat(hub.get("/health").statusCode()).isEqualTo(503);
                });

                // THEN once it is back every reading is written, each exactly once
                proxy.restore();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(hub.count("SELECT count(DISTINCT value) FROM telemetry WHERE point = 'outlet_pressure'")).isEqualTo(120));
                assertThat(hub.count("SELECT count(*) FROM telemetry")).isEqualTo(120);
                assertThat(hub.json("/health").getString("status")).isEqualTo("up");
            }
        }
    }

    @Test
    void healthAnswersAProbeWithinTwoSecondsWhileTheDatabaseHangs() throws Exception {
        try (TcpProxy proxy = TcpProxy.forDatabase(TestServices.db().url())) {
            try (HubFixture hub = new HubFixture().with("DUTYROOM_DB_URL", proxy.jdbcUrl()).start()) {
                Duration probe = Duration.ofSeconds(2); // what supervisors and load balancers give a health check
                assertThat(hub.get("/health", probe).statusCode()).isEqualTo(200);

                // WHEN the database stops answering without closing anything (the pool then waits its 5 s per connection)
                proxy.hang();

                // THEN every probe is answered in its time, and soon says the database is down
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    HttpResponse<String> health = hub.get("/health", probe); // a timeout fails the test, not a retry
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThat(new JsonObject(health.body()).getJsonObject("database").getBoolean("up")).isFalse();
                });
                for (int i = 0; i < 5; i++) {
                    assertThat(hub.get("/health", probe).statusCode()).isEqualTo(503);
                }

                // and once it answers again, so does the health check
                proxy.restore();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hub.get("/health", probe).statusCode()).isEqualTo(200));
            }
        }
    }

    @Test
    void aRestartedHubKeepsHistoryLatestValuesAndWhatWasPublishedWhileItWasDown() {
        String schema = TestServices.newSchema();
        String root = TestServices.newTopicRoot();
        try (Publisher device = new Publisher(TestServices.mqttUrl(), "pub-" + schema)) {
            HubFixture first = new HubFixture(schema, root).start();
            String dataDir = first.env.get("DUTYROOM_DATA_DIR");
            device.publish(first.topic("estate-a", "pump-1", "telemetry"), "{\"values\": {\"outlet_pressure\": 0.51, \"tank_level\": 2.5}}");
            await().atMost(Duration.ofSeconds(20)).until(() -> first.count("SELECT count(*) FROM telemetry") == 2);
            first.stop();

            // WHILE the hub is down, the device keeps publishing (QoS 1, the hub's session is kept)
            device.publish(first.topic("estate-a", "pump-1", "telemetry"), "{\"values\": {\"motor_current\": 31.5}}");

            try (HubFixture second = new HubFixture(schema, root).with("DUTYROOM_DATA_DIR", dataDir).start()) {
                // THEN latest values come back from storage, and the missed message is delivered
                var points = second.json("/api/v1/devices/pump-1").getJsonArray("points");
                assertThat(points.stream().map(p -> (JsonObject) p)
                        .filter(p -> "outlet_pressure".equals(p.getString("name"))).findFirst().orElseThrow().getDouble("value")).isEqualTo(0.51);
                assertThat(second.json("/api/v1/devices/pump-1").getString("connectivity")).isEqualTo("online");
                await().atMost(Duration.ofSeconds(20)).until(() -> second.count("SELECT count(*) FROM telemetry") == 3);
                assertThat(second.count("SELECT count(*) FROM timeline_event WHERE kind = 'device.online'")).isEqualTo(1);
            }
        }
    }
}

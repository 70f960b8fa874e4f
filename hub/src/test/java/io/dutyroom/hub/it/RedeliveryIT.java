package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QoS 1 delivers at least once, and after a crash the broker delivers again everything the hub had
 * not acknowledged: a reading that arrives a second time is stored once and moves the rules once.
 */
class RedeliveryIT {
    @TempDir
    Path dir;

    @Test
    void aReadingDeliveredAgainIsStoredOnceAndDoesNotRaiseItsAlarmAgain() throws Exception {
        Path estate = Files.writeString(dir.resolve("estate.yaml"), """
                sites:
                  - id: estate-a
                    buildings:
                      - id: b1
                        devices:
                          - {id: panel-1, profile: fire-alarm-panel}
                """);
        try (HubFixture hub = new HubFixture().with("DUTYROOM_ESTATE", estate.toString()).start();
             Publisher panel = new Publisher(TestServices.mqttUrl(), hub.publisherId())) {
            String topic = hub.topic("estate-a", "panel-1", "telemetry");
            Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(2);
            String supervisory = "{\"ts\": " + first.toEpochMilli() + ", \"values\": {\"zone_supervisory_count\": 1}}";

            // GIVEN a supervisory alarm raised by one reading, and its condition cleared by the next
            panel.publish(topic, supervisory);
            await().atMost(Duration.ofSeconds(20)).until(() -> activations(hub) == 1);
            panel.publish(topic, "{\"ts\": " + first.plusSeconds(1).toEpochMilli() + ", \"values\": {\"zone_supervisory_count\": 0}}");
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.count(
                    "SELECT count(*) FROM alarm WHERE source = 'panel-1' AND rule_id = 'supervisory' AND status->>'condition' = 'false'") == 1);

            // WHEN the broker delivers the first reading again, as it does after a crash
            panel.publish(topic, supervisory);

            // THEN it is counted as a repeat, stored once, and the alarm is not raised a second time
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.metric("dutyroom_telemetry_readings_repeated_total") == 1.0);
            assertThat(hub.count("SELECT count(*) FROM telemetry WHERE device_id = 'panel-1' AND point = 'zone_supervisory_count'")).isEqualTo(2);
            assertThat(activations(hub)).isEqualTo(1);
            assertThat(hub.metric("dutyroom_telemetry_readings_written_total")).isEqualTo(2.0);
        }
    }

    private static long activations(HubFixture hub) {
        return hub.count("SELECT coalesce(max(activations), 0) FROM alarm WHERE source = 'panel-1' AND rule_id = 'supervisory'");
    }
}

package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub as an operator runs it: the packaged jar, its exit codes, its banner, SIGTERM. */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void invalidConfigurationExitsWithEveryProblemNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("dutyroom.yaml"), "http:\n  port: 70000\nmqtt:\n  urll: tcp://x:1883\n");

        try (HubJar hub = HubJar.launch(dir, Map.of(), "run", "--config", config.toString())) {
            assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(hub.process().exitValue()).isEqualTo(2);
            assertThat(hub.err()).contains("Dutyroom cannot start: the configuration is invalid:")
                    .contains(config + ":2: http.port: must be between 0 and 65535 (was 70000)")
                    .contains(config + ":4: mqtt.urll: unknown key");
        }
    }

    @Test
    void sigtermStopsIngestFlushesAndLosesNothing() throws Exception {
        HubFixture settings = new HubFixture(); // only for its environment: schema, topic root, services
        settings.env.put("DUTYROOM_HTTP_PORT", "0");
        int messages = 300;
        try (HubJar hub = HubJar.launch(dir, settings.env, "run")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.out().contains("Dutyroom hub ready"));
            assertThat(hub.out()).contains("MQTT broker  " + TestServices.mqttUrl()).contains("sites: 1, devices: 3");
            try (Publisher device = new Publisher(TestServices.mqttUrl(), settings.publisherId())) {
                for (int i = 0; i < messages; i++) {
                    device.publish(settings.topic("estate-a", "pump-1", "telemetry"), "{\"values\": {\"outlet_pressure\": " + i + "}}");
                }
            }
            hub.process().destroy(); // SIGTERM, as a service manager stops it
            assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(hub.out()).doesNotContain(" ERROR ");
        }

        // Whatever the stopped hub had not written stayed with the broker: the next hub stores it.
        try (HubFixture next = new HubFixture(settings.schema, settings.topicRoot).start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(next.count("SELECT count(DISTINCT value) FROM telemetry WHERE device_id = 'pump-1'")).isEqualTo(messages));
        }
    }
}

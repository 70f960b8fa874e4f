package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub as an operator runs it: the packaged jar, its exit codes, its banner, SIGTERM. */
class LauncherIT {
    private static final Path JAR = Path.of("target/dutyroom-hub.jar");

    @TempDir
    Path dir;

    private Process launch(Map<String, String> env, String... args) throws IOException {
        String[] command = new String[args.length + 4];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-Xmx256m";
        command[2] = "-jar";
        command[3] = JAR.toString();
        System.arraycopy(args, 0, command, 4, args.length);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.log").toFile())
                .redirectError(dir.resolve("err.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DUTYROOM_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private String out() throws IOException {
        return Files.readString(dir.resolve("out.log"));
    }

    private String err() throws IOException {
        return Files.readString(dir.resolve("err.log"));
    }

    @Test
    void invalidConfigurationExitsWithEveryProblemNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("dutyroom.yaml"), "http:\n  port: 70000\nmqtt:\n  urll: tcp://x:1883\n");

        Process hub = launch(Map.of(), "run", "--config", config.toString());

        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.exitValue()).isEqualTo(2);
        assertThat(err()).contains("Dutyroom cannot start: the configuration is invalid:")
                .contains(config + ":2: http.port: must be between 0 and 65535 (was 70000)")
                .contains(config + ":4: mqtt.urll: unknown key");
    }

    @Test
    void sigtermStopsIngestFlushesAndLosesNothing() throws Exception {
        HubFixture settings = new HubFixture(); // only for its environment: schema, topic root, services
        settings.env.put("DUTYROOM_HTTP_PORT", "0");
        Process hub = launch(settings.env, "run");
        await().atMost(Duration.ofSeconds(60)).until(() -> out().contains("Dutyroom hub ready"));
        assertThat(out()).contains("MQTT broker  " + TestServices.mqttUrl()).contains("sites: 1, devices: 3");

        int messages = 300;
        try (Publisher device = new Publisher(TestServices.mqttUrl(), settings.publisherId())) {
            for (int i = 0; i < messages; i++) {
                device.publish(settings.topic("estate-a", "pump-1", "telemetry"), "{\"values\": {\"outlet_pressure\": " + i + "}}");
            }
        }
        hub.destroy(); // SIGTERM, as a service manager stops it

        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out()).doesNotContain(" ERROR ");

        // Whatever the stopped hub had not written stayed with the broker: the next hub stores it.
        try (HubFixture next = new HubFixture(settings.schema, settings.topicRoot).start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(next.count("SELECT count(DISTINCT value) FROM telemetry WHERE device_id = 'pump-1'")).isEqualTo(messages));
        }
    }
}

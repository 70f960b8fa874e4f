package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * The README's first command on a fresh machine: embedded broker and database, as whoever runs
     * it. CI runs as root, where PostgreSQL itself refuses to run and the hub must find a way.
     */
    @Test
    void theDemoRunsOnEmbeddedServicesWhoeverRunsIt() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> env = Map.of("DUTYROOM_HTTP_PORT", "0", "DUTYROOM_MQTT_PORT", Integer.toString(Screen.freePort()),
                "DUTYROOM_DB_PORT", Integer.toString(Screen.freePort()), "DUTYROOM_DATA_DIR", data.toString());
        try (HubJar hub = HubJar.launch(dir, env, "demo", "--no-browser")) {
            await().atMost(Duration.ofSeconds(180)).until(() -> hub.out().contains("Dutyroom hub ready") || !hub.process().isAlive());
            assertThat(hub.process().isAlive()).as(hub.out() + hub.err()).isTrue();
            if ("root".equals(System.getProperty("user.name"))) {
                assertThat(hub.out()).contains("run as an unprivileged user because the hub runs as root");
            }
            Matcher url = Pattern.compile("Health (http://\\S+)/health").matcher(hub.out());
            assertThat(url.find()).as(hub.out()).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200));
            assertThat(data.resolve("postgres/postmaster.pid")).exists();

            hub.process().destroy(); // SIGTERM
            assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(data.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped with the hub").doesNotExist();
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

package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dutyroom.adapters.mqtt.FastPublisher;
import io.dutyroom.adapters.mqtt.PrivateMosquitto;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub killed (SIGKILL: no drain, no goodbye) while a broker holds a large backlog for it, and
 * started again: it becomes ready while the broker floods it with the backlog, drains it, and every
 * reading the broker acknowledged to the devices is stored exactly once, those delivered twice
 * included. Mosquitto with an unbounded queue, as an estate would run it for a hub that may be down.
 */
class BrokerBacklogIT {
    private static final int MESSAGES = 100_000;
    private static final int DEVICES = 40;
    private static final Pattern PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/health");

    @TempDir
    Path dir;

    @Test
    void aHubKilledWithABacklogAtTheBrokerComesBackDrainsItAndStoresEveryReadingOnce() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.start(Files.createDirectories(dir.resolve("broker")))) {
            HubFixture settings = new HubFixture(); // its environment only: schema, topic root, database
            Map<String, String> env = new HashMap<>(settings.env);
            env.put("DUTYROOM_MQTT_URL", broker.url());
            long base = Instant.now().minusSeconds(600).toEpochMilli();

            // GIVEN devices publishing as fast as the broker takes them, faster than the hub stores
            // them, so a backlog builds at the broker
            CompletableFuture<Void> devices;
            try (HubJar first = HubJar.launch(Files.createDirectories(dir.resolve("first")), env, "run")) {
                awaitReady(first);
                devices = CompletableFuture.runAsync(() -> {
                    try {
                        FastPublisher.publish(broker.url(), "backlog-devices", MESSAGES,
                                i -> settings.topic("estate-a", "meter-" + (i % DEVICES), "telemetry"),
                                i -> "{\"ts\": " + (base + i / DEVICES) + ", \"values\": {\"kw\": " + i + "}}");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

                // WHEN the hub is killed mid-stream
                await().atMost(Duration.ofSeconds(60)).until(() -> stored(settings) >= MESSAGES / 10);
                first.process().destroyForcibly();
                assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            devices.get(120, TimeUnit.SECONDS); // every message acknowledged by the broker to its device
            long queued = MESSAGES - stored(settings);

            // THEN a new hub becomes ready with the backlog pouring in, drains it, and stores each once
            try (HubJar second = HubJar.launch(Files.createDirectories(dir.resolve("second")), env, "run")) {
                awaitReady(second);
                await().atMost(Duration.ofSeconds(120)).until(() -> stored(settings) >= MESSAGES);
                assertThat(queued).as("readings queued at the broker while the hub was down").isPositive();
                assertThat(stored(settings)).isEqualTo(MESSAGES);
                assertThat(settings.count("SELECT count(*) FROM (SELECT DISTINCT device_id, point, ts FROM telemetry) d")).isEqualTo(MESSAGES);
                assertThat(second.out()).doesNotContain("OutOfMemoryError");
            }
        }
    }

    private static long stored(HubFixture settings) {
        return settings.count("SELECT count(*) FROM telemetry");
    }

    /** Waits for the banner, then for /health to say 200. */
    private static void awaitReady(HubJar hub) throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> PORT.matcher(hub.out()).find());
        Matcher m = PORT.matcher(hub.out());
        assertThat(m.find()).isTrue();
        URI health = URI.create("http://127.0.0.1:" + m.group(1) + "/health");
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}

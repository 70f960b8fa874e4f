package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Dutyroom itself, as an estate runs it: the hub jar in its own JVM (heap capped at 512 MiB) with
 * an estate file registering every benchmark device under its shipped profile, so rules and alarms
 * run on every reading; log-in off, which the hub allows on loopback only.
 */
final class HubIngester extends ProcessIngester {
    /** Devices kept apart from the load for the latency probe: one alarm and one work order each. */
    static final String PROBE_PREFIX = "lat";
    static final int PROBE_DEVICES = 500;

    private final HubMetrics metrics;

    private HubIngester(ChildProcess process, String schema, BenchSetup setup) {
        super(process, schema, setup);
        this.metrics = new HubMetrics(setup.hubPort());
    }

    static HubIngester start(BenchSetup setup, LoadShape shape, String schema) throws IOException, InterruptedException {
        HubIngester hub = launch(setup, shape, schema, Map.of("DUTYROOM_MQTT_URL", setup.brokerUrl()), "hub-" + schema);
        hub.awaitHealthy(Duration.ofSeconds(90));
        return hub;
    }

    /**
     * Starts the hub and returns at once, not waiting for it to be healthy, so the soak can time that
     * itself and start a second hub on the same schema after killing the first. {@code brokerEnv}
     * says where its MQTT comes from: {@code DUTYROOM_MQTT_URL} for the private broker, or an empty
     * one with {@code DUTYROOM_MQTT_PORT} and {@code DUTYROOM_DATA_DIR} for its own embedded one.
     */
    static HubIngester launch(BenchSetup setup, LoadShape shape, String schema, Map<String, String> brokerEnv, String logName)
            throws IOException, InterruptedException {
        Path estate = setup.work().resolve("estate-" + shape.code() + ".yaml");
        Files.writeString(estate, estate(shape));
        Map<String, String> env = new HashMap<>(Map.of(
                "DUTYROOM_DB_URL", setup.dbUrl(), "DUTYROOM_DB_USER", setup.dbUser(), "DUTYROOM_DB_SCHEMA", schema,
                "DUTYROOM_MQTT_CLIENT_ID", schema,
                "DUTYROOM_HTTP_PORT", Integer.toString(setup.hubPort()), "DUTYROOM_ESTATE", estate.toString(),
                "DUTYROOM_AUTH_ENABLED", "false", "DUTYROOM_LOG_LEVEL", "WARN"));
        env.putAll(brokerEnv);
        ChildProcess child = ChildProcess.start(logName, List.of(java(), "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar", setup.hubJar().toString(), "run"), env,
                setup.work(), null, Duration.ZERO);
        return new HubIngester(child, schema, setup);
    }

    /** One site, one building, the shape's devices and the probe's pump sets. */
    static String estate(LoadShape shape) {
        StringBuilder y = new StringBuilder("sites:\n  - id: ").append(LoadShape.SITE).append("\n    buildings:\n      - id: plant\n        devices:\n");
        for (int i = 0; i < shape.devices(); i++) {
            y.append("          - {id: ").append(shape.prefix()).append('-').append(i).append(", profile: ").append(shape.profile()).append("}\n");
        }
        for (int i = 0; i < PROBE_DEVICES; i++) {
            y.append("          - {id: ").append(PROBE_PREFIX).append('-').append(i).append(", profile: water-pump-set}\n");
        }
        return y.toString();
    }

    private void awaitHealthy(Duration within) throws IOException, InterruptedException {
        if (!healthy(within)) {
            close();
            throw new IOException("the hub did not become healthy within " + within + "; see " + setup().work().resolve(process().name() + ".log"));
        }
    }

    /** Waits for {@code /health} to answer 200: false if it has not within the time, or the hub has ended. */
    boolean healthy(Duration within) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + setup().hubPort() + "/health");
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && process().alive()) {
            try {
                if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling a process we cannot be called back by
        }
        return false;
    }

    /**
     * Kills the hub's process at once (SIGKILL), as a crash or the kernel's OOM killer would: nothing
     * is flushed or acknowledged on the way out, and its schema and data directory stay for a restart.
     */
    void kill() {
        ProcessHandle.of(pid()).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    int port() {
        return setup().hubPort();
    }

    @Override
    public String name() {
        return "dutyroom";
    }

    @Override
    String tableName() {
        return "telemetry";
    }

    @Override
    public Optional<HubMetrics.Sample> sample() {
        return metrics.sample();
    }
}

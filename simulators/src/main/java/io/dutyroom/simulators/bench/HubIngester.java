package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Path estate = setup.work().resolve("estate-" + shape.code() + ".yaml");
        Files.writeString(estate, estate(shape));
        Map<String, String> env = Map.of(
                "DUTYROOM_DB_URL", setup.dbUrl(), "DUTYROOM_DB_USER", setup.dbUser(), "DUTYROOM_DB_SCHEMA", schema,
                "DUTYROOM_MQTT_URL", setup.brokerUrl(), "DUTYROOM_MQTT_CLIENT_ID", schema,
                "DUTYROOM_HTTP_PORT", Integer.toString(setup.hubPort()), "DUTYROOM_ESTATE", estate.toString(),
                "DUTYROOM_AUTH_ENABLED", "false", "DUTYROOM_LOG_LEVEL", "WARN");
        ChildProcess child = ChildProcess.start("hub-" + schema, List.of(java(), "-Xmx512m", "-jar", setup.hubJar().toString(), "run"), env,
                setup.work(), null, Duration.ZERO);
        HubIngester hub = new HubIngester(child, schema, setup);
        hub.awaitHealthy(Duration.ofSeconds(90));
        return hub;
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
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + setup().hubPort() + "/health");
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && process().alive()) {
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling a process we cannot be called back by
        }
        close();
        throw new IOException("the hub did not become healthy within " + within + "; see " + setup().work().resolve(process().name() + ".log"));
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

package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * The hub under soak, through its crash: started as the ingest benchmark starts it, killed with
 * SIGKILL, and started again on the same schema and MQTT client id (and, with its embedded broker,
 * the same port and data directory), so it takes up the session the broker kept for it and must
 * store what was queued there without losing or repeating a reading.
 */
final class SoakHub implements AutoCloseable {
    private final BenchSetup setup;
    private final LoadShape shape;
    private final String schema;
    private final Map<String, String> brokerEnv;
    /** The hub running, or the one killed until the restart. */
    private volatile HubIngester current;

    private SoakHub(BenchSetup setup, LoadShape shape, String schema, Map<String, String> brokerEnv) {
        this.setup = setup;
        this.shape = shape;
        this.schema = schema;
        this.brokerEnv = brokerEnv;
    }

    /**
     * Starts the hub and waits for it to be healthy.
     *
     * @param embeddedPort 0 for the private broker of the setup; otherwise the port of the hub's own
     *                     embedded broker, which keeps its queue in a fresh directory under the
     *                     setup's work directory
     */
    static SoakHub start(BenchSetup setup, LoadShape shape, String schema, int embeddedPort) throws IOException, InterruptedException {
        // an empty broker URL is no URL (the embedded broker), and hides one this process may have inherited
        Map<String, String> env = embeddedPort == 0
                ? Map.of("DUTYROOM_MQTT_URL", setup.brokerUrl())
                : Map.of("DUTYROOM_MQTT_URL", "", "DUTYROOM_MQTT_PORT", Integer.toString(embeddedPort), "DUTYROOM_DATA_DIR",
                        Files.createTempDirectory(setup.work(), "hub-data-").toAbsolutePath().toString());
        SoakHub hub = new SoakHub(setup, shape, schema, env);
        hub.current = HubIngester.launch(setup, shape, schema, env, "hub-" + schema);
        if (!hub.current.healthy(Duration.ofSeconds(90))) {
            hub.close();
            throw new IOException("the hub did not become healthy within 90 s; see " + setup.work().resolve("hub-" + schema + ".log"));
        }
        return hub;
    }

    long pid() {
        return current.pid();
    }

    int port() {
        return setup.hubPort();
    }

    /** Its telemetry table, schema-qualified. */
    String table() {
        return current.table();
    }

    /** Its process is still running. */
    boolean alive() {
        return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL, as a crash: nothing flushed or acknowledged on the way out. */
    void kill() {
        current.kill();
    }

    /**
     * Starts it again on the same schema and broker session; returns the seconds until
     * {@code /health} answered 200, or -1 if it did not within {@code within}.
     */
    double restart(Duration within) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        current = HubIngester.launch(setup, shape, schema, brokerEnv, "hub-" + schema + "-restarted");
        return current.healthy(within) ? (System.nanoTime() - t0) / 1e9 : -1;
    }

    /** Stops the hub and drops its schema. */
    @Override
    public void close() {
        current.close();
    }
}

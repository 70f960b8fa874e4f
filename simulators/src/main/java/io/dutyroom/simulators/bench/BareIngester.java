package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The ceiling: {@link BarePipeline} in its own JVM, with the same heap cap as the hub. */
final class BareIngester implements Ingester {
    private final ChildProcess process;
    private final String schema;
    private final BenchSetup setup;

    private final boolean indexed;

    private BareIngester(ChildProcess process, String schema, BenchSetup setup, boolean indexed) {
        this.indexed = indexed;
        this.process = process;
        this.schema = schema;
        this.setup = setup;
    }

    /**
     * @param indexed with the hub's telemetry index on its table: not the ceiling, but what tells the
     *                index's cost from the code's
     */
    static BareIngester start(BenchSetup setup, String schema, boolean indexed) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-jar", setup.simulatorsJar().toString(), "bare-ingest",
                "--url", setup.brokerUrl(), "--db-url", setup.dbUrl(), "--db-user", setup.dbUser(), "--schema", schema));
        if (indexed) {
            command.add("--index");
        }
        ChildProcess child = ChildProcess.start("bare-" + schema, command, Map.of(), setup.work(), "BARE READY", Duration.ofSeconds(30));
        return new BareIngester(child, schema, setup, indexed);
    }

    @Override
    public String name() {
        return indexed ? "bare-indexed" : "bare";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String table() {
        return schema + ".bare_telemetry";
    }

    @Override
    public void close() {
        process.close();
        try (Connection db = setup.database(); Statement s = db.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("bench: schema " + schema + " left behind: " + e.getMessage());
        }
    }
}

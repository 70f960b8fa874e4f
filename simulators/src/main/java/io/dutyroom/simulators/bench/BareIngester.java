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

    private BareIngester(ChildProcess process, String schema, BenchSetup setup) {
        this.process = process;
        this.schema = schema;
        this.setup = setup;
    }

    static BareIngester start(BenchSetup setup, String schema) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildProcess child = ChildProcess.start("bare-" + schema, List.of(java, "-Xmx512m", "-jar", setup.simulatorsJar().toString(), "bare-ingest",
                "--url", setup.brokerUrl(), "--db-url", setup.dbUrl(), "--db-user", setup.dbUser(), "--schema", schema), Map.of(),
                setup.work(), "BARE READY", Duration.ofSeconds(30));
        return new BareIngester(child, schema, setup);
    }

    @Override
    public String name() {
        return "bare";
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

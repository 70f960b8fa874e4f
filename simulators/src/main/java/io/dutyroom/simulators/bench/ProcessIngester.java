package io.dutyroom.simulators.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An ingester the benchmark runs as a process of its own, storing into a schema of its own: stopping
 * it stops the process and drops the schema, so no run leaves tables behind.
 */
abstract class ProcessIngester implements Ingester {
    private final ChildProcess process;
    private final String schema;
    private final BenchSetup setup;

    ProcessIngester(ChildProcess process, String schema, BenchSetup setup) {
        this.process = process;
        this.schema = schema;
        this.setup = setup;
    }

    /** The table's name within the schema. */
    abstract String tableName();

    /** The JVM running the benchmark, for the Java processes it starts. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    BenchSetup setup() {
        return setup;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public final long pid() {
        return process.pid();
    }

    @Override
    public final String table() {
        return schema + "." + tableName();
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

package io.dutyroom.simulators.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * One of the programs the ingest benchmark holds side by side: something that takes MQTT telemetry
 * from the broker and stores it as one row per reading in a table of its own.
 */
interface Ingester extends AutoCloseable {
    /** {@code dutyroom}, {@code bare} or {@code peer}, as in the report. */
    String name();

    /** Its process, for CPU and memory. */
    long pid();

    /** The table its rows go to, schema-qualified. */
    String table();

    /** Rows stored so far. */
    default long stored(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + table())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Empties its table between steps, so counting stays cheap. */
    default void reset(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("TRUNCATE " + table());
        }
    }

    /** What it reports about itself while a step runs (only the hub does). */
    default Optional<HubMetrics.Sample> sample() {
        return Optional.empty();
    }

    @Override
    void close();
}

package io.dutyroom.hub.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Applies the configured compression and retention to the telemetry hypertable as TimescaleDB
 * policies, once per start and in one transaction, replacing any earlier ones so a changed setting
 * takes effect at the next start.
 */
final class TimescalePolicies implements TelemetryMaintenance {
    private final DataSource dataSource;
    private final Duration retention;
    private final Duration compressAfter;
    private volatile boolean applied;

    TimescalePolicies(DataSource dataSource, Duration retention, Duration compressAfter) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.compressAfter = compressAfter;
    }

    @Override
    public void run(Instant now) throws SQLException {
        if (applied) {
            return; // TimescaleDB runs the policies itself; replacing them hourly would only churn its job list
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT remove_compression_policy('telemetry', if_exists => true)");
            s.execute("SELECT add_compression_policy('telemetry', INTERVAL '" + interval(compressAfter) + "')");
            s.execute("SELECT remove_retention_policy('telemetry', if_exists => true)");
            s.execute("SELECT add_retention_policy('telemetry', INTERVAL '" + interval(retention) + "')");
            c.commit();
        }
        applied = true;
    }

    /** Whole days read as days in TimescaleDB's job list; anything else as seconds. */
    static String interval(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + " days" : d.toSeconds() + " seconds";
    }
}

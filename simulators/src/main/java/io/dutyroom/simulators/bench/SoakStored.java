package io.dutyroom.simulators.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The readings stored so far, as the soak watches them: the hub's own counter of readings it has
 * committed (new ones only, repeats skipped), added to the rows that were there when the hub's
 * process started. A {@code count(*)} over the tens of millions of rows of a long soak costs
 * PostgreSQL seconds of a core, and counting every few seconds took enough of it to slow the hub
 * down (a first attempt at 32,000 readings/s fell behind for that reason alone); so the table is
 * counted only while the hub is down, where the count is exact, and at the end.
 */
final class SoakStored {
    private final Connection db;
    private final SoakHub hub;
    private final HubMetrics metrics;
    // guarded by this: rows before the current hub process, its counter when last read, and which
    // process that is (a reading of the counter begun before a rebase belongs to the killed one)
    private long base;
    private long written;
    private long process;

    /** Starts at the table's rows now, for a hub that has just started and has written nothing. */
    SoakStored(Connection db, SoakHub hub) throws SQLException {
        this.db = db;
        this.hub = hub;
        this.metrics = new HubMetrics(hub.port());
        this.base = exact();
    }

    /** The readings stored so far, from the hub's counter; while the hub is down, the last value read. */
    long now() {
        long asked;
        synchronized (this) {
            asked = process;
        }
        metrics.sample().ifPresent(s -> {
            synchronized (this) {
                if (process == asked) {
                    written = (long) s.readingsWritten();
                }
            }
        });
        synchronized (this) {
            return base + written;
        }
    }

    /**
     * After a kill: counts the table, which no one writes to until the restart, and goes on from
     * there, since the next process's counter starts at 0.
     */
    long rebase() throws SQLException {
        long rows = exact();
        synchronized (this) {
            base = rows;
            written = 0;
            process++;
        }
        return rows;
    }

    /** The rows in the table, counted. */
    long exact() throws SQLException {
        try (Statement s = db.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + hub.table())) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

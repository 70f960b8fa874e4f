package io.dutyroom.hub.storage;

import io.dutyroom.adapters.model.Reading;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Puts one batch of readings into the telemetry table in one transaction, each reading once.
 *
 * <p>The table's key is (device, point, ts): a reading the broker delivers again (QoS 1 is at least
 * once, and a crash makes it redeliver whatever was not acknowledged) is already stored. The fast
 * path COPYs straight into the table; the key refuses the whole COPY when any reading is a repeat,
 * and only then is the batch COPYed into a temporary staging table and moved over with
 * {@code INSERT … ON CONFLICT DO NOTHING}. Repeats come in bursts after a restart and not
 * otherwise, so the steady state pays for the unique index and nothing more.
 *
 * <p>Used by the writer's thread only.
 */
final class TelemetryCopy {
    private static final String COLUMNS = "(ts, device_id, point, value, quality)";
    private static final String COPY_DIRECT = "COPY telemetry " + COLUMNS + " FROM STDIN";
    private static final String STAGING = "telemetry_incoming";
    private static final String CREATE_STAGING = "CREATE TEMP TABLE IF NOT EXISTS " + STAGING
            + " (LIKE telemetry) ON COMMIT DELETE ROWS";
    private static final String COPY_STAGING = "COPY " + STAGING + " " + COLUMNS + " FROM STDIN";
    private static final String MERGE = "INSERT INTO telemetry " + COLUMNS + " SELECT ts, device_id, point, value, quality FROM "
            + STAGING + " ON CONFLICT DO NOTHING RETURNING device_id, point, ts";
    private static final String UNIQUE_VIOLATION = "23505";

    private final CopyBuffer buffer = new CopyBuffer();
    /** Server sessions (physical connections) that already have the staging table; it lives as long as they do. */
    private final Set<PGConnection> staged = Collections.newSetFromMap(new WeakHashMap<>());

    /**
     * Writes and commits the batch on {@code c}; says which readings were new. The rest were stored
     * before and are skipped. On failure the transaction is rolled back and the exception passed on.
     */
    StoredReadings write(Connection c, List<List<Reading>> batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            try {
                copy(c, COPY_DIRECT, batch);
                c.commit();
                return StoredReadings.ALL;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(); // some reading is a repeat: take the careful path
            }
            PGConnection pg = c.unwrap(PGConnection.class);
            boolean creating = !staged.contains(pg);
            if (creating) {
                try (Statement s = c.createStatement()) {
                    s.execute(CREATE_STAGING);
                }
            }
            copy(c, COPY_STAGING, batch);
            Set<ReadingKey> added = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(MERGE)) {
                while (rs.next()) {
                    added.add(new ReadingKey(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
            c.commit(); // ON COMMIT DELETE ROWS empties the staging table
            if (creating) {
                staged.add(pg); // only once committed: a rolled-back CREATE left no table
            }
            return StoredReadings.only(added);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is probably gone; the pool discards it
            }
            throw e;
        }
    }

    private void copy(Connection c, String sql, List<List<Reading>> batch) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            for (List<Reading> readings : batch) {
                for (Reading r : readings) {
                    buffer.append(r);
                    if (buffer.size() >= CopyBuffer.FLUSH_AT) {
                        buffer.drainTo(copy);
                    }
                }
            }
            buffer.drainTo(copy);
            copy.endCopy();
        } finally {
            buffer.reset();
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Reused text-format COPY buffer; identifiers are validated upstream and need no escaping. */
    private static final class CopyBuffer {
        static final int FLUSH_AT = 256 * 1024;
        private final StringBuilder text = new StringBuilder(FLUSH_AT + 1024);

        void append(Reading r) {
            text.append(ReadingKey.stored(r.ts())).append('\t')
                    .append(r.device().value()).append('\t')
                    .append(r.point()).append('\t')
                    .append(r.value()).append('\t')
                    .append(r.quality().code()).append('\n');
        }

        int size() {
            return text.length();
        }

        void drainTo(CopyIn copy) throws SQLException {
            if (text.length() > 0) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                text.setLength(0);
            }
        }

        void reset() {
            text.setLength(0);
        }
    }
}

package io.dutyroom.hub.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily partitions of the plain-PostgreSQL telemetry table ({@code telemetry_pYYYYMMDD}, UTC days):
 * created from the oldest accepted day to some days ahead, and dropped whole once older than the
 * retention period, which costs nothing compared with deleting rows.
 */
final class PostgresPartitions implements TelemetryMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Pattern NAME = Pattern.compile("telemetry_p(\\d{8})");

    private final DataSource dataSource;
    private final Duration retention;
    private final Duration maxAge;
    private final int daysAhead;

    PostgresPartitions(DataSource dataSource, Duration retention, Duration maxAge, int daysAhead) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.maxAge = maxAge;
        this.daysAhead = daysAhead;
    }

    @Override
    public void run(Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = LocalDate.ofInstant(now.minus(maxAge.compareTo(retention) < 0 ? maxAge : retention), ZoneOffset.UTC);
        LocalDate cutoff = LocalDate.ofInstant(now.minus(retention), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<LocalDate> existing = existing(s);
            for (LocalDate day = first; !day.isAfter(today.plusDays(daysAhead)); day = day.plusDays(1)) {
                if (!existing.contains(day)) {
                    create(s, day);
                }
            }
            for (LocalDate day : existing) {
                if (day.plusDays(1).isBefore(cutoff) || day.plusDays(1).isEqual(cutoff)) {
                    s.execute("DROP TABLE telemetry_p" + SUFFIX.format(day));
                    LOG.info("telemetry partition of {} dropped (older than the retention of {})", day, retention);
                }
            }
            // rows that landed in the default partition (a day whose partition came too late) expire too
            int expired = s.executeUpdate("DELETE FROM telemetry_default WHERE ts < '" + cutoff + " 00:00:00+00'");
            if (expired > 0) {
                LOG.info("{} telemetry rows older than the retention of {} deleted from the default partition", expired, retention);
            }
        }
    }

    /** The days that have a partition, oldest first. */
    List<LocalDate> existing(Statement s) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "WHERE i.inhparent = 'telemetry'::regclass ORDER BY c.relname")) {
            while (rs.next()) {
                Matcher m = NAME.matcher(rs.getString(1));
                if (m.matches()) {
                    days.add(LocalDate.parse(m.group(1), SUFFIX));
                }
            }
        }
        return days;
    }

    private static void create(Statement s, LocalDate day) {
        String sql = "CREATE TABLE IF NOT EXISTS telemetry_p" + SUFFIX.format(day) + " PARTITION OF telemetry FOR VALUES FROM ('"
                + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')";
        try {
            s.execute(sql);
        } catch (SQLException e) {
            // Rows for that day already sit in the default partition; they stay there and stay queryable.
            LOG.warn("telemetry partition of {} not created: {}", day, e.getMessage());
        }
    }
}

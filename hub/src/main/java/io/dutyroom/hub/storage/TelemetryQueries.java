package io.dutyroom.hub.storage;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads telemetry back: raw rows, time buckets, and the latest value of every point. Blocking JDBC:
 * callers run it on a worker. The same SQL serves both flavours ({@code date_bin} is core PostgreSQL).
 */
public final class TelemetryQueries {
    private final DataSource dataSource;

    public TelemetryQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One min/avg/max/count bucket of one point. */
    public record Bucket(Instant start, String point, double min, double avg, double max, long count) {
    }

    /** Raw readings of a device in {@code [from, to)}, newest first, optionally of one point. */
    public List<Reading> raw(DeviceId device, Optional<String> point, Instant from, Instant to, int limit) throws SQLException {
        String sql = "SELECT ts, point, value, quality FROM telemetry WHERE device_id = ? AND ts >= ? AND ts < ?"
                + (point.isPresent() ? " AND point = ?" : "") + " ORDER BY ts DESC, point LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindRange(ps, device, from, to);
            if (point.isPresent()) {
                ps.setString(i++, point.get());
            }
            ps.setInt(i, limit);
            List<Reading> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Reading(device, rs.getString(2), instant(rs, 1), rs.getDouble(3), Quality.ofCode(rs.getShort(4))));
                }
            }
            return rows;
        }
    }

    /** Buckets of {@code width} aligned to the epoch, oldest first, optionally of one point. */
    public List<Bucket> buckets(DeviceId device, Optional<String> point, Instant from, Instant to, Duration width) throws SQLException {
        String sql = "SELECT date_bin(make_interval(secs => ?), ts, TIMESTAMPTZ 'epoch') AS bucket, point,"
                + " min(value), avg(value), max(value), count(*) FROM telemetry"
                + " WHERE device_id = ? AND ts >= ? AND ts < ?" + (point.isPresent() ? " AND point = ?" : "")
                + " GROUP BY bucket, point ORDER BY bucket, point";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, width.toNanos() / 1e9);
            int i = bindRange(ps, 2, device, from, to);
            if (point.isPresent()) {
                ps.setString(i, point.get());
            }
            List<Bucket> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Bucket(instant(rs, 1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getLong(6)));
                }
            }
            return rows;
        }
    }

    /**
     * The newest reading since {@code since} of each given device and point: what the hub restores
     * at start. One index seek per pair on {@code (device_id, point, ts DESC)}, so start-up does not
     * read a week of telemetry.
     */
    public List<Reading> latest(List<DeviceId> devices, List<String> points, Instant since) throws SQLException {
        String sql = "SELECT k.device_id, k.point, t.ts, t.value, t.quality FROM unnest(?::text[], ?::text[]) AS k(device_id, point)"
                + " CROSS JOIN LATERAL (SELECT ts, value, quality FROM telemetry WHERE device_id = k.device_id AND point = k.point"
                + " AND ts >= ? ORDER BY ts DESC LIMIT 1) t";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", devices.stream().map(DeviceId::value).toArray()));
            ps.setArray(2, c.createArrayOf("text", points.toArray()));
            ps.setObject(3, utc(since));
            List<Reading> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Reading(DeviceId.of(rs.getString(1)), rs.getString(2), instant(rs, 3),
                            rs.getDouble(4), Quality.ofCode(rs.getShort(5))));
                }
            }
            return rows;
        }
    }

    private static int bindRange(PreparedStatement ps, DeviceId device, Instant from, Instant to) throws SQLException {
        return bindRange(ps, 1, device, from, to);
    }

    /** Binds device, from, to starting at {@code first}; returns the next parameter index. */
    private static int bindRange(PreparedStatement ps, int first, DeviceId device, Instant from, Instant to) throws SQLException {
        ps.setString(first, device.value());
        ps.setObject(first + 1, utc(from));
        ps.setObject(first + 2, utc(to));
        return first + 3;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}

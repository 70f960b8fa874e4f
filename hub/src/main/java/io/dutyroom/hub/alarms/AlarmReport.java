package io.dutyroom.hub.alarms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The alarm-management figures of EEMUA 191, computed from the timeline, never by hand: alarms per
 * hour, the ten most frequent, chattering and stale alarms, floods, the priority mix and the time to
 * acknowledge. Drill alarms are left out: they are practice, not the plant. Blocking; run on a worker.
 */
public final class AlarmReport {
    /** Only events of real alarms, in the period, optionally of one site. */
    private static final String PERIOD = " ts >= ? AND ts < ? AND (payload->>'drill') IS NULL AND (?::text IS NULL OR site_id = ?)";
    private static final String SCOPE = " kind = ? AND" + PERIOD;

    private final DataSource dataSource;

    public AlarmReport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public JsonObject between(Instant from, Instant to, Optional<String> site) throws SQLException {
        double hours = Math.max(Duration.between(from, to).toSeconds() / 3600.0, 1 / 3600.0);
        try (Connection c = dataSource.getConnection()) {
            JsonObject report = new JsonObject().put("from", from.toString()).put("to", to.toString()).put("site", site.orElse(null));
            long raised = count(c, AlarmEvents.RAISED, from, to, site);
            report.put("alarmsRaised", raised).put("alarmsPerHour", round(raised / hours)).put("alarmsPer10Minutes", round(raised / hours / 6));
            report.put("perHour", rows(c, "SELECT date_bin('1 hour', ts, TIMESTAMPTZ '2000-01-01') AS hour, count(*) FROM timeline_event WHERE"
                    + SCOPE + " GROUP BY 1 ORDER BY 1", AlarmEvents.RAISED, from, to, site, (rs, row) -> row
                    .put("hour", rs.getObject(1, OffsetDateTime.class).toInstant().toString()).put("alarms", rs.getLong(2))));
            report.put("priorityMix", rows(c, "SELECT payload->>'priority', count(*) FROM timeline_event WHERE" + SCOPE + " GROUP BY 1 ORDER BY 1",
                    AlarmEvents.RAISED, from, to, site, (rs, row) -> row.put("priority", rs.getString(1)).put("alarms", rs.getLong(2))));
            // activations: a raise and every repeat while the alarm stayed open
            report.put("mostFrequent", rows(c, "SELECT subject, payload->>'rule', count(*) FROM timeline_event WHERE"
                    + " kind IN ('" + AlarmEvents.RAISED + "', '" + AlarmEvents.REPEATED + "') AND"
                    + PERIOD + " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10",
                    null, from, to, site, (rs, row) -> row.put("device", rs.getString(1)).put("rule", rs.getString(2)).put("activations", rs.getLong(3))));
            report.put("chattering", rows(c, "SELECT subject, payload->>'rule', count(*) FROM timeline_event WHERE" + SCOPE + " GROUP BY 1, 2 ORDER BY 3 DESC, 1",
                    AlarmEvents.CHATTERING, from, to, site, (rs, row) -> row.put("device", rs.getString(1)).put("rule", rs.getString(2)).put("episodes", rs.getLong(3))));
            report.put("stale", rows(c, "SELECT subject, payload->>'rule', min(payload->>'activeSince') FROM timeline_event WHERE" + SCOPE + " GROUP BY 1, 2 ORDER BY 3",
                    AlarmEvents.STALE, from, to, site, (rs, row) -> row.put("device", rs.getString(1)).put("rule", rs.getString(2)).put("activeSince", rs.getString(3))));
            report.put("floods", count(c, AlarmEvents.FLOOD_STARTED, from, to, site));
            report.put("timeToAcknowledge", timeToAcknowledge(c, from, to, site));
            return report;
        }
    }

    /** Seconds from each raise (or repeat) to the acknowledgement that followed it. */
    private JsonObject timeToAcknowledge(Connection c, Instant from, Instant to, Optional<String> site) throws SQLException {
        String sql = "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY s), percentile_cont(0.9) WITHIN GROUP (ORDER BY s), max(s) FROM ("
                + " SELECT extract(epoch FROM ack.ts - raised.ts) AS s FROM timeline_event ack"
                + " CROSS JOIN LATERAL (SELECT r.ts FROM timeline_event r WHERE r.kind IN ('" + AlarmEvents.RAISED + "', '" + AlarmEvents.REPEATED + "')"
                + "   AND r.payload->>'alarmId' = ack.payload->>'alarmId' AND r.ts <= ack.ts ORDER BY r.ts DESC LIMIT 1) raised"
                + " WHERE ack.kind = ? AND ack.ts >= ? AND ack.ts < ? AND (ack.payload->>'drill') IS NULL"
                + " AND (?::text IS NULL OR ack.site_id = ?)) t";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, AlarmEvents.ACKNOWLEDGED, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new JsonObject().put("acknowledged", rs.getLong(1)).put("medianSeconds", number(rs, 2))
                        .put("p90Seconds", number(rs, 3)).put("maxSeconds", number(rs, 4));
            }
        }
    }

    private interface Row {
        JsonObject read(ResultSet rs, JsonObject row) throws SQLException;
    }

    private static JsonArray rows(Connection c, String sql, String kind, Instant from, Instant to, Optional<String> site, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, kind == null ? 0 : 1, kind, from, to, site);
            JsonArray out = new JsonArray();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs, new JsonObject()));
                }
            }
            return out;
        }
    }

    private static long count(Connection c, String kind, Instant from, Instant to, Optional<String> site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM timeline_event WHERE" + SCOPE)) {
            bind(ps, 1, kind, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Binds (kind,) from, to, site, site from parameter {@code first}; first 0 means no kind. */
    private static void bind(PreparedStatement ps, int first, String kind, Instant from, Instant to, Optional<String> site) throws SQLException {
        int i = 1;
        if (first == 1) {
            ps.setString(i++, kind);
        }
        ps.setObject(i++, from.atOffset(ZoneOffset.UTC));
        ps.setObject(i++, to.atOffset(ZoneOffset.UTC));
        ps.setString(i++, site.orElse(null));
        ps.setString(i, site.orElse(null));
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : round(v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

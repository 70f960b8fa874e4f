package io.dutyroom.hub.patrols;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * Patrol completion per route and per guard, by day or by week, from the judged rounds. A guard's
 * completion is the checkpoints they scanned over the checkpoints of the rounds they walked.
 * Blocking; called on a worker.
 */
public final class PatrolReport {
    private final DataSource dataSource;
    private final ZoneId zone;

    public PatrolReport(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.zone = zone;
    }

    /** @param unit {@code day} or {@code week} (weeks start on Monday, in the routes' time zone) */
    public JsonObject between(String site, Instant from, Instant to, String unit) throws SQLException {
        if (!unit.equals("day") && !unit.equals("week")) {
            throw new IllegalArgumentException("unit must be day or week");
        }
        String period = "to_char(date_trunc('" + unit + "', opens AT TIME ZONE ?), 'YYYY-MM-DD')";
        try (Connection c = dataSource.getConnection()) {
            JsonArray byRoute = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT route_id, " + period + ", count(*), sum(checkpoints), sum(done), sum(late),"
                    + " sum(missed), count(*) FILTER (WHERE out_of_order) FROM patrol_round WHERE site_id = ? AND opens >= ? AND opens < ?"
                    + " GROUP BY 1, 2 ORDER BY 2, 1")) {
                ps.setString(1, zone.getId());
                scope(ps, 2, site, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byRoute.add(new JsonObject().put("route", rs.getString(1)).put(unit, rs.getString(2)).put("rounds", rs.getLong(3))
                                .put("checkpoints", rs.getLong(4)).put("done", rs.getLong(5)).put("late", rs.getLong(6))
                                .put("missed", rs.getLong(7)).put("outOfOrder", rs.getLong(8)).put("completion", ratio(rs.getLong(5), rs.getLong(4))));
                    }
                }
            }
            JsonArray byGuard = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement("SELECT g.guard, " + period + ", count(*), sum(checkpoints),"
                    + " sum((SELECT count(*) FROM jsonb_array_elements(result) e WHERE e->>'guard' = g.guard))"
                    + " FROM patrol_round, jsonb_array_elements_text(guards) AS g(guard) WHERE site_id = ? AND opens >= ? AND opens < ?"
                    + " GROUP BY 1, 2 ORDER BY 2, 1")) {
                ps.setString(1, zone.getId());
                scope(ps, 2, site, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byGuard.add(new JsonObject().put("guard", rs.getString(1)).put(unit, rs.getString(2)).put("rounds", rs.getLong(3))
                                .put("checkpoints", rs.getLong(4)).put("scanned", rs.getLong(5)).put("completion", ratio(rs.getLong(5), rs.getLong(4))));
                    }
                }
            }
            return new JsonObject().put("site", site).put("from", from.toString()).put("to", to.toString()).put("by", unit)
                    .put("timeZone", zone.getId()).put("routes", byRoute).put("guards", byGuard);
        }
    }

    private static void scope(PreparedStatement ps, int first, String site, Instant from, Instant to) throws SQLException {
        ps.setString(first, site);
        ps.setObject(first + 1, PatrolStore.utc(from));
        ps.setObject(first + 2, PatrolStore.utc(to));
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
}

package io.dutyroom.hub.patrols;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code patrol_scan} and {@code patrol_round} tables. Blocking JDBC on a worker; the statements
 * that change them take the caller's connection, so they share the transaction of their timeline
 * events. A round is claimed by inserting its row: the primary key lets one hub judge it, once.
 */
public final class PatrolStore {
    private final DataSource dataSource;

    public PatrolStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A scan as stored, with what it was counted for. */
    public record StoredScan(long id, String site, String route, PatrolScan scan, String via, String reader, String roundId,
                             String workOrderId) {
        public JsonObject toJson() {
            JsonObject json = new JsonObject().put("id", id).put("site", site).put("route", route).put("checkpoint", scan.checkpointId())
                    .put("guard", scan.guard()).put("at", scan.at().toString()).put("via", via).put("reader", reader)
                    .put("round", roundId).put("workOrderId", workOrderId);
            scan.finding().ifPresent(f -> json.put("finding", new JsonObject().put("condition", f.condition()).put("text", f.text())
                    .put("photos", new JsonArray(f.photos()))));
            return json;
        }
    }

    /** Stores a scan; empty when the same scan (route, checkpoint, guard, time) is stored already. */
    static Optional<Long> insertScan(Connection c, String site, String route, PatrolScan s, String via, String reader, String roundId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO patrol_scan (site_id, route_id, checkpoint_id, guard, scanned_at,"
                + " condition, finding, photos, via, reader, round_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                + " ON CONFLICT (route_id, checkpoint_id, guard, scanned_at) DO NOTHING RETURNING id")) {
            ps.setString(1, site);
            ps.setString(2, route);
            ps.setString(3, s.checkpointId());
            ps.setString(4, s.guard());
            ps.setObject(5, utc(s.at()));
            ps.setString(6, s.finding().map(Finding::condition).orElse(null));
            ps.setString(7, s.finding().map(Finding::text).orElse(null));
            ps.setString(8, new JsonArray(s.finding().map(Finding::photos).orElse(List.of())).encode());
            ps.setString(9, via);
            ps.setString(10, reader);
            ps.setString(11, roundId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Whether a round has been judged already: a scan arriving after that cannot change its result. */
    static boolean judged(Connection c, String roundId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM patrol_round WHERE round_id = ?")) {
            ps.setString(1, roundId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void linkWorkOrder(Connection c, long scanId, String workOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE patrol_scan SET work_order_id = ? WHERE id = ?")) {
            ps.setString(1, workOrderId);
            ps.setLong(2, scanId);
            ps.executeUpdate();
        }
    }

    /** The scans of a route in [from, to), oldest first: the evidence for judging one round. */
    static List<PatrolScan> scans(Connection c, String route, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checkpoint_id, guard, scanned_at, condition, finding, photos::text"
                + " FROM patrol_scan WHERE route_id = ? AND scanned_at >= ? AND scanned_at < ? ORDER BY scanned_at, id")) {
            ps.setString(1, route);
            ps.setObject(2, utc(from));
            ps.setObject(3, utc(to));
            List<PatrolScan> scans = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Finding> finding = rs.getString(4) == null ? Optional.empty()
                            : Optional.of(new Finding(rs.getString(4), rs.getString(5), photos(rs.getString(6))));
                    scans.add(new PatrolScan(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(), finding));
                }
            }
            return scans;
        }
    }

    /** Claims a round for judging; false when it was judged already (by this hub before a restart, or another). */
    static boolean saveRound(Connection c, RoundResult r, Instant judgedAt) throws SQLException {
        JsonArray result = new JsonArray();
        r.checkpoints().forEach(cp -> result.add(new JsonObject().put("checkpoint", cp.checkpoint().id()).put("status", status(cp.status()))
                .put("guard", cp.scan().map(PatrolScan::guard).orElse(null)).put("at", cp.scan().map(s -> s.at().toString()).orElse(null))));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO patrol_round (round_id, site_id, route_id, opens, closes, judged_at,"
                + " checkpoints, done, early, late, missed, out_of_order, guards, result, due_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)"
                + " ON CONFLICT (round_id) DO NOTHING")) {
            ps.setString(1, r.round().id());
            ps.setString(2, r.round().route().site());
            ps.setString(3, r.round().route().id());
            ps.setObject(4, utc(r.round().opens()));
            ps.setObject(5, utc(r.round().closes()));
            ps.setObject(6, utc(judgedAt));
            ps.setInt(7, r.checkpoints().size());
            ps.setInt(8, r.done());
            ps.setInt(9, (int) r.checkpoints().stream().filter(cp -> cp.status() == CheckpointResult.Status.EARLY).count());
            ps.setInt(10, r.late().size());
            ps.setInt(11, r.missed().size());
            ps.setBoolean(12, r.outOfOrder());
            ps.setString(13, new JsonArray(List.copyOf(r.guards())).encode());
            ps.setString(14, result.encode());
            ps.setObject(15, utc(r.round().judgedAt()));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The latest due time of a judged round; empty when none was ever judged. Where a restarted hub
     * resumes: rounds due after it are judged (those already judged are skipped by their key).
     */
    public Optional<Instant> lastJudged() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT max(due_at) FROM patrol_round");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
        }
    }

    /** Rounds judged in [from, to) of a site, oldest first, as stored. */
    public List<JsonObject> rounds(String site, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT round_id, route_id, opens, closes,"
                + " judged_at, checkpoints, done, early, late, missed, out_of_order, guards::text, result::text FROM patrol_round"
                + " WHERE site_id = ? AND opens >= ? AND opens < ? ORDER BY opens, route_id")) {
            ps.setString(1, site);
            ps.setObject(2, utc(from));
            ps.setObject(3, utc(to));
            List<JsonObject> rounds = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rounds.add(new JsonObject().put("id", rs.getString(1)).put("route", rs.getString(2))
                            .put("opens", rs.getObject(3, OffsetDateTime.class).toInstant().toString())
                            .put("closes", rs.getObject(4, OffsetDateTime.class).toInstant().toString())
                            .put("judgedAt", rs.getObject(5, OffsetDateTime.class).toInstant().toString())
                            .put("checkpoints", rs.getInt(6)).put("done", rs.getInt(7)).put("early", rs.getInt(8)).put("late", rs.getInt(9))
                            .put("missed", rs.getInt(10)).put("completion", rs.getInt(6) == 0 ? null : (double) rs.getInt(7) / rs.getInt(6))
                            .put("outOfOrder", rs.getBoolean(11)).put("guards", new JsonArray(rs.getString(12)))
                            .put("result", new JsonArray(rs.getString(13))));
                }
            }
            return rounds;
        }
    }

    /** The scans that count for {@code round} so far, oldest first: the evidence of a round in progress. */
    public List<PatrolScan> scansOf(PatrolRound round) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return scans(c, round.route().id(), round.earliest(), round.judgedAt());
        }
    }

    /** Scans of a site in [from, to), newest first. */
    public List<StoredScan> scans(String site, Instant from, Instant to, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, site_id, route_id, checkpoint_id,"
                + " guard, scanned_at, condition, finding, photos::text, via, reader, round_id, work_order_id FROM patrol_scan"
                + " WHERE site_id = ? AND scanned_at >= ? AND scanned_at < ? ORDER BY scanned_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, site);
            ps.setObject(2, utc(from));
            ps.setObject(3, utc(to));
            ps.setInt(4, limit);
            List<StoredScan> scans = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Finding> finding = rs.getString(7) == null ? Optional.empty()
                            : Optional.of(new Finding(rs.getString(7), rs.getString(8), photos(rs.getString(9))));
                    scans.add(new StoredScan(rs.getLong(1), rs.getString(2), rs.getString(3), new PatrolScan(rs.getString(4), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant(), finding), rs.getString(10), rs.getString(11), rs.getString(12),
                            rs.getString(13)));
                }
            }
            return scans;
        }
    }

    static String status(CheckpointResult.Status s) {
        return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static List<String> photos(String json) {
        return new JsonArray(json).stream().map(Object::toString).toList();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}

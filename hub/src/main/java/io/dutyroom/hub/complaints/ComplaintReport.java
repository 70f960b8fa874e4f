package io.dutyroom.hub.complaints;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.dutyroom.hub.reports.Csv;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The quarterly complaint analysis the procedures ask the director for: complaints by kind, channel
 * and department; the return-visit rate (target 100 %) and the residents' satisfaction; overdue steps;
 * major complaints; and the recurring matters (the same matter from the same unit, or about the same
 * equipment, twice or more) with their complaints. Computed by SQL from the complaints' rows and
 * their timeline events. Residents appear nowhere in it. Blocking; called on a worker.
 */
public final class ComplaintReport {
    private static final String SCOPE = " c.received_at >= ? AND c.received_at < ? AND (?::text IS NULL OR c.site_id = ?)";

    /** A period [from, to). */
    public record Period(Instant from, Instant to) {
    }

    private final DataSource dataSource;
    private final ZoneId zone;

    public ComplaintReport(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.zone = zone;
    }

    /** The calendar quarter holding {@code t}, in the estate's time zone: the default period. */
    public Period quarterOf(Instant t) {
        Instant from = quarterStart(t, zone);
        Instant to = ZonedDateTime.ofInstant(from, zone).plusMonths(3).toInstant();
        return new Period(from, to);
    }

    /** The complaints received in [from, to) at {@code site} (every site when empty). */
    public JsonObject between(Instant from, Instant to, Optional<String> site) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            JsonObject report = new JsonObject().put("from", from.toString()).put("to", to.toString()).put("site", site.orElse(null));
            report.put("complaints", single(c, "SELECT count(*) FROM complaint c WHERE" + SCOPE, from, to, site));
            report.put("major", single(c, "SELECT count(*) FROM complaint c WHERE c.major AND" + SCOPE, from, to, site));
            report.put("byKind", counts(c, "coalesce(c.kind, 'not-judged')", from, to, site));
            report.put("byChannel", counts(c, "c.channel", from, to, site));
            report.put("byDepartment", counts(c, "coalesce(c.department, 'not-assigned')", from, to, site));
            report.put("byState", counts(c, "c.state", from, to, site));
            report.put("returnVisits", returnVisits(c, from, to, site));
            report.put("satisfaction", satisfaction(c, from, to, site));
            report.put("overdue", overdue(c, from, to, site));
            report.put("recurring", recurring(c, from, to, site));
            return report;
        }
    }

    private static long single(Connection c, String sql, Instant from, Instant to, Optional<String> site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** {@code expression} is one of this class's own, never the caller's text. */
    private static JsonObject counts(Connection c, String expression, Instant from, Instant to, Optional<String> site) throws SQLException {
        JsonObject counts = new JsonObject();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + expression + ", count(*) FROM complaint c WHERE" + SCOPE
                + " GROUP BY 1 ORDER BY 2 DESC, 1")) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /**
     * Return visits done over complaints resolved: every resolved complaint is called back, so the
     * target is 100 %. A complaint sent back by an unsatisfied resident is not resolved again until
     * its department resolves it again.
     */
    private static JsonObject returnVisits(Connection c, Instant from, Instant to, Optional<String> site) throws SQLException {
        String sql = "SELECT count(*) FILTER (WHERE c.state IN ('resolved', 'return-visited', 'closed')),"
                + " count(*) FILTER (WHERE c.state IN ('return-visited', 'closed')) FROM complaint c WHERE" + SCOPE;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long resolved = rs.getLong(1);
                long visited = rs.getLong(2);
                return new JsonObject().put("resolved", resolved).put("visited", visited)
                        .put("rate", resolved == 0 ? null : (double) visited / resolved).put("target", 1.0);
            }
        }
    }

    /**
     * Every return visit counts, an unsatisfied one included even when a later visit found the
     * resident satisfied: the figure says how often the first answer was not good enough.
     */
    private static JsonObject satisfaction(Connection c, Instant from, Instant to, Optional<String> site) throws SQLException {
        String sql = "SELECT count(*), count(*) FILTER (WHERE (e.payload->>'satisfied')::boolean)"
                + " FROM timeline_event e JOIN complaint c ON c.id = e.payload->>'complaintId'"
                + " WHERE e.kind = '" + ComplaintEvents.RETURN_VISITED + "' AND" + SCOPE;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long visits = rs.getLong(1);
                long satisfied = rs.getLong(2);
                return new JsonObject().put("visits", visits).put("satisfied", satisfied)
                        .put("rate", visits == 0 ? null : (double) satisfied / visits);
            }
        }
    }

    /** Steps raised overdue, every round counted (a step late again after a new round counts again). */
    private static JsonObject overdue(Connection c, Instant from, Instant to, Optional<String> site) throws SQLException {
        JsonObject counts = new JsonObject();
        for (ComplaintClock.Step step : ComplaintClock.Step.values()) {
            counts.put(step.code(), 0L);
        }
        String sql = "SELECT e.payload->>'step', count(*) FROM timeline_event e JOIN complaint c ON c.id = e.payload->>'complaintId'"
                + " WHERE e.kind = '" + ComplaintEvents.OVERDUE + "' AND" + SCOPE + " GROUP BY 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** The same matter from the same unit, and the same equipment, complained about twice or more in the period. */
    private static JsonArray recurring(Connection c, Instant from, Instant to, Optional<String> site) throws SQLException {
        JsonArray rows = new JsonArray();
        String byMatter = "SELECT c.site_id, c.unit, c.matter, count(*), min(c.received_at), max(c.received_at),"
                + " string_agg(c.id, ',' ORDER BY c.received_at, c.id) FROM complaint c WHERE" + SCOPE
                + " GROUP BY 1, 2, 3 HAVING count(*) >= " + ComplaintRecurrence.RECURRING_FROM + " ORDER BY 4 DESC, 1, 2, 3";
        try (PreparedStatement ps = c.prepareStatement(byMatter)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new JsonObject().put("by", "matter").put("site", rs.getString(1)).put("unit", rs.getString(2))
                            .put("matter", rs.getString(3)).put("complaints", rs.getLong(4)).put("first", time(rs, 5)).put("last", time(rs, 6))
                            .put("ids", new JsonArray(List.of(rs.getString(7).split(",")))));
                }
            }
        }
        String bySource = "SELECT c.site_id, c.source, count(*), min(c.received_at), max(c.received_at),"
                + " string_agg(c.id, ',' ORDER BY c.received_at, c.id) FROM complaint c WHERE c.source IS NOT NULL AND" + SCOPE
                + " GROUP BY 1, 2 HAVING count(*) >= " + ComplaintRecurrence.RECURRING_FROM + " ORDER BY 3 DESC, 1, 2";
        try (PreparedStatement ps = c.prepareStatement(bySource)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new JsonObject().put("by", "source").put("site", rs.getString(1)).put("source", rs.getString(2))
                            .put("complaints", rs.getLong(3)).put("first", time(rs, 4)).put("last", time(rs, 5))
                            .put("ids", new JsonArray(List.of(rs.getString(6).split(",")))));
                }
            }
        }
        return rows;
    }

    private static String time(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant().toString();
    }

    /** The first instant of the calendar quarter holding {@code t}, in {@code zone}. */
    public static Instant quarterStart(Instant t, ZoneId zone) {
        LocalDate day = t.atZone(zone).toLocalDate();
        LocalDate first = LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
        return ZonedDateTime.of(first.atStartOfDay(), zone).toInstant();
    }

    private static void scope(PreparedStatement ps, int first, Instant from, Instant to, Optional<String> site) throws SQLException {
        ps.setObject(first, from.atOffset(ZoneOffset.UTC));
        ps.setObject(first + 1, to.atOffset(ZoneOffset.UTC));
        ps.setString(first + 2, site.orElse(null));
        ps.setString(first + 3, site.orElse(null));
    }

    /**
     * The export: one line per complaint received in the period, oldest first. Residents' names and
     * phones are masked ({@link PersonalData}); the unit is kept.
     */
    public static String csv(List<Complaint> complaints) {
        List<String> header = List.of("id", "site", "unit", "building", "floor", "resident_name", "resident_phone", "channel", "kind",
                "department", "state", "owner", "received_by", "major", "received_at", "assigned_at", "resolved_at", "return_visited_at",
                "closed_at", "satisfied", "overdue", "recurrence", "work_order_id", "source", "matter", "summary", "result");
        StringBuilder out = new StringBuilder(Csv.row(header));
        for (Complaint k : complaints) {
            Resident masked = k.resident().masked();
            List<String> row = new ArrayList<>(List.of(k.id, k.site, k.unit, text(k.building), text(k.floor), text(masked.name()),
                    text(masked.phone()), k.channel.code(), k.kind == null ? "" : k.kind.code(), text(k.department), k.state.code(),
                    k.owner, k.receivedBy, Boolean.toString(k.major), text(k.receivedAt), text(k.assignedAt), text(k.resolvedAt),
                    text(k.returnVisitedAt), text(k.closedAt), text(k.satisfied), String.join(" ", k.overdue),
                    Integer.toString(k.recurrence), text(k.workOrderId), text(k.source), k.matter, k.summary, text(k.result)));
            out.append(Csv.row(row));
        }
        return out.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

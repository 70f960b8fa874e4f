package io.dutyroom.hub.workorders;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.dutyroom.hub.reports.Csv;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The work-order figures a management office reports on: time-limit compliance per category and
 * step, mean times to accept, arrive and resolve, open orders by age, and the recurrence list (the
 * same fault on the same equipment three or more times in a quarter). Computed by SQL from the
 * orders' rows; drill orders are left out. Blocking; called on a worker.
 */
public final class WorkOrderReport {
    private static final String SCOPE = " drill IS NULL AND created_at >= ? AND created_at < ? AND (?::text IS NULL OR site_id = ?)";

    private final DataSource dataSource;
    private final ZoneId zone;

    public WorkOrderReport(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.zone = zone;
    }

    public JsonObject between(Instant from, Instant to, Optional<String> site, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            JsonObject report = new JsonObject().put("from", from.toString()).put("to", to.toString()).put("site", site.orElse(null));
            report.put("orders", count(c, from, to, site));
            report.put("slaCompliance", compliance(c, from, to, site, now));
            report.put("meanSeconds", means(c, from, to, site));
            report.put("openByAge", openByAge(c, site, now));
            Instant quarter = quarterStart(to, zone);
            report.put("recurrence", new JsonObject().put("since", quarter.toString()).put("sources", recurrence(c, quarter, to, site)));
            return report;
        }
    }

    private static long count(Connection c, Instant from, Instant to, Optional<String> site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM work_order WHERE" + SCOPE)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Per category and step: met (done within the limit), missed (done late) and overdue (still
     * open past the limit). Compliance is met over all three; a step not yet due is not counted.
     */
    private static JsonArray compliance(Connection c, Instant from, Instant to, Optional<String> site, Instant now) throws SQLException {
        String sql = "SELECT category, s.key,"
                + " count(*) FILTER (WHERE s.value->>'doneAt' IS NOT NULL AND (s.value->>'doneAt')::timestamptz <= (s.value->>'dueAt')::timestamptz),"
                + " count(*) FILTER (WHERE s.value->>'doneAt' IS NOT NULL AND (s.value->>'doneAt')::timestamptz > (s.value->>'dueAt')::timestamptz),"
                + " count(*) FILTER (WHERE s.value->>'doneAt' IS NULL AND state NOT IN ('closed', 'cancelled') AND (s.value->>'dueAt')::timestamptz <= ?)"
                + " FROM work_order, jsonb_each(sla) s WHERE" + SCOPE + " GROUP BY 1, 2 ORDER BY 1, 2";
        JsonArray rows = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, now.atOffset(ZoneOffset.UTC));
            scope(ps, 2, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long met = rs.getLong(3);
                    long missed = rs.getLong(4);
                    long overdue = rs.getLong(5);
                    long judged = met + missed + overdue;
                    rows.add(new JsonObject().put("category", rs.getString(1)).put("step", rs.getString(2)).put("met", met)
                            .put("missed", missed).put("overdue", overdue).put("compliance", judged == 0 ? null : (double) met / judged));
                }
            }
        }
        return rows;
    }

    private static JsonObject means(Connection c, Instant from, Instant to, Optional<String> site) throws SQLException {
        String sql = "SELECT avg(extract(epoch FROM accepted_at - created_at)), avg(extract(epoch FROM on_site_at - created_at)),"
                + " avg(extract(epoch FROM resolved_at - accepted_at)) FROM work_order WHERE" + SCOPE;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new JsonObject().put("toAccept", number(rs, 1)).put("toArrive", number(rs, 2)).put("toResolve", number(rs, 3));
            }
        }
    }

    private static JsonArray openByAge(Connection c, Optional<String> site, Instant now) throws SQLException {
        String sql = "SELECT CASE WHEN age < interval '1 hour' THEN 'under 1h' WHEN age < interval '4 hours' THEN '1h-4h'"
                + " WHEN age < interval '1 day' THEN '4h-1d' WHEN age < interval '3 days' THEN '1d-3d' ELSE 'over 3d' END, count(*), min(age)"
                + " FROM (SELECT ?::timestamptz - created_at AS age FROM work_order WHERE state NOT IN ('closed', 'cancelled') AND drill IS NULL"
                + " AND (?::text IS NULL OR site_id = ?)) o GROUP BY 1 ORDER BY 3";
        JsonArray rows = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, now.atOffset(ZoneOffset.UTC));
            ps.setString(2, site.orElse(null));
            ps.setString(3, site.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new JsonObject().put("age", rs.getString(1)).put("orders", rs.getLong(2)));
                }
            }
        }
        return rows;
    }

    private static JsonArray recurrence(Connection c, Instant from, Instant to, Optional<String> site) throws SQLException {
        String sql = "SELECT site_id, source, fault, count(*), min(created_at), max(created_at), string_agg(id, ',' ORDER BY created_at)"
                + " FROM work_order WHERE" + SCOPE + " GROUP BY 1, 2, 3 HAVING count(*) >= " + WorkOrderService.RECURRENCE_FLAG
                + " ORDER BY 4 DESC, 1, 2, 3";
        JsonArray rows = new JsonArray();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            scope(ps, 1, from, to, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new JsonObject().put("site", rs.getString(1)).put("source", rs.getString(2)).put("fault", rs.getString(3))
                            .put("orders", rs.getLong(4)).put("first", rs.getObject(5, java.time.OffsetDateTime.class).toInstant().toString())
                            .put("last", rs.getObject(6, java.time.OffsetDateTime.class).toInstant().toString())
                            .put("ids", new JsonArray(List.of(rs.getString(7).split(",")))));
                }
            }
        }
        return rows;
    }

    /** The first instant of the calendar quarter holding {@code t}, in the estate's time zone. */
    static Instant quarterStart(Instant t, ZoneId zone) {
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

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(v * 10) / 10.0;
    }

    /** The monthly export: one line per order created in the period, in the order they were created. */
    public static String csv(List<WorkOrder> orders, Instant now) {
        List<String> header = List.of("id", "site", "source", "origin", "policy", "category", "priority", "state", "assignee", "created_at",
                "accepted_at", "on_site_at", "resolved_at", "verified_at", "closed_at", "respond", "arrive", "resolve", "return_visit",
                "rating", "recurrence", "drill", "summary");
        StringBuilder out = new StringBuilder(Csv.row(header));
        for (WorkOrder o : orders) {
            Instant judgedAt = o.state.open() ? now : (o.closedAt != null ? o.closedAt : o.updatedAt);
            List<String> row = new ArrayList<>(List.of(o.id, o.site, o.source, o.origin.code(), o.policy, o.category.code(), o.priority,
                    o.state.code(), text(o.assignee), text(o.createdAt), text(o.acceptedAt), text(o.onSiteAt), text(o.resolvedAt),
                    text(o.verifiedAt), text(o.closedAt)));
            for (SlaStep step : SlaStep.values()) {
                row.add(o.sla.status(step, judgedAt).code());
            }
            row.add(o.rating == null ? "" : o.rating.toString());
            row.add(Integer.toString(o.recurrence));
            row.add(text(o.drill));
            row.add(o.summary.getString("zh", ""));
            out.append(Csv.row(row));
        }
        return out.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

package io.dutyroom.hub.workorders;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code work_order} table. Blocking JDBC on a worker. The statements that change orders take
 * the caller's connection, so they run in the same transaction as the timeline events that tell of
 * the change; reading an order to change it locks its row, so two hubs never interleave on one order.
 */
public final class WorkOrderStore {
    private static final String COLUMNS = "id, site_id, source, origin, policy, category, priority, skill, limits::text, fault, summary::text,"
            + " building, floor,"
            + " state, assignee, alarm_id, linked_alarms::text, drill, created_at, created_by, updated_at, accepted_at, on_site_at,"
            + " resolved_at, verified_at, closed_at, undispatched_at, resolution, rating, cancel_reason, reopen_count, recurrence, out_of_service,"
            + " sla::text, attachments::text, version";
    private static final String OPEN = "state NOT IN ('closed', 'cancelled')";

    /**
     * What the list endpoint filters on; empty means any. {@code overdue}: only open orders whose
     * step's clock runs (not done) and is past its limit at {@code overdueAt}, e.g. the return visits
     * the desk owes.
     */
    public record Filter(Optional<String> site, Optional<String> state, Optional<String> category, Optional<String> assignee,
                         Optional<String> source, boolean openOnly, Optional<SlaStep> overdue, Instant overdueAt, int limit) {
    }

    private final DataSource dataSource;

    public WorkOrderStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('work_order_number')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.format("WO-%06d", rs.getLong(1));
        }
    }

    /**
     * Inserts a new order. For an alarm's order the unique index decides: false when the source
     * already has an open order (another hub, or an earlier attempt, got there first).
     */
    static boolean insert(Connection c, WorkOrder o) throws SQLException {
        String sql = "INSERT INTO work_order (" + COLUMNS.replace("::text", "") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?,"
                + " ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)"
                + " ON CONFLICT (site_id, source, (coalesce(drill, ''))) WHERE origin = 'alarm' AND " + OPEN + " DO NOTHING";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, o.id);
            ps.setString(i++, o.site);
            ps.setString(i++, o.source);
            ps.setString(i++, o.origin.code());
            ps.setString(i++, o.policy);
            ps.setString(i++, o.category.code());
            ps.setString(i++, o.priority);
            ps.setString(i++, o.skill);
            ps.setString(i++, limitsJson(o.limits).encode());
            ps.setString(i++, o.fault);
            ps.setString(i++, o.summary.encode());
            ps.setString(i++, o.building);
            ps.setString(i++, o.floor);
            i = setChanging(ps, i, o);
            ps.setLong(i, o.version);
            return ps.executeUpdate() == 1;
        }
    }

    /** Writes back an order read with {@link #lock}. */
    static void update(Connection c, WorkOrder o) throws SQLException {
        String sql = "UPDATE work_order SET state = ?, assignee = ?, alarm_id = ?, linked_alarms = ?::jsonb, drill = ?, created_at = ?,"
                + " created_by = ?, updated_at = ?, accepted_at = ?, on_site_at = ?, resolved_at = ?, verified_at = ?, closed_at = ?,"
                + " undispatched_at = ?, resolution = ?, rating = ?, cancel_reason = ?, reopen_count = ?, recurrence = ?, out_of_service = ?, sla = ?::jsonb,"
                + " attachments = ?::jsonb, version = version + 1 WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = setChanging(ps, 1, o);
            ps.setString(i, o.id);
            ps.executeUpdate();
        }
        o.version++;
    }

    private static int setChanging(PreparedStatement ps, int i, WorkOrder o) throws SQLException {
        ps.setString(i++, o.state.code());
        ps.setString(i++, o.assignee);
        ps.setString(i++, o.alarmId);
        ps.setString(i++, o.linkedAlarms.encode());
        ps.setString(i++, o.drill);
        ps.setObject(i++, utc(o.createdAt));
        ps.setString(i++, o.createdBy);
        ps.setObject(i++, utc(o.updatedAt));
        ps.setObject(i++, utc(o.acceptedAt));
        ps.setObject(i++, utc(o.onSiteAt));
        ps.setObject(i++, utc(o.resolvedAt));
        ps.setObject(i++, utc(o.verifiedAt));
        ps.setObject(i++, utc(o.closedAt));
        ps.setObject(i++, utc(o.undispatchedAt));
        ps.setString(i++, o.resolution);
        ps.setObject(i++, o.rating);
        ps.setString(i++, o.cancelReason);
        ps.setInt(i++, o.reopenCount);
        ps.setInt(i++, o.recurrence);
        ps.setBoolean(i++, o.outOfService);
        ps.setString(i++, o.sla.toJson(Optional.empty()).encode());
        ps.setString(i++, o.attachments.encode());
        return i;
    }

    /** The order, its row locked until the transaction ends. */
    static Optional<WorkOrder> lock(Connection c, String id) throws SQLException {
        return first(c, "SELECT " + COLUMNS + " FROM work_order WHERE id = ? FOR UPDATE", id);
    }

    /** The open alarm order of a source, locked; a drill's order and a real one are separate. */
    static Optional<WorkOrder> lockOpenFor(Connection c, String site, String source, Optional<String> drill) throws SQLException {
        return first(c, "SELECT " + COLUMNS + " FROM work_order WHERE site_id = ? AND source = ? AND coalesce(drill, '') = ?"
                + " AND origin = 'alarm' AND " + OPEN + " FOR UPDATE", site, source, drill.orElse(""));
    }

    /** Claims the automatic handover of one site's shift; false when a hub has already recorded it. */
    static boolean claimHandover(Connection c, String site, Instant shiftStart, String shiftId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO shift_handover (site_id, shift_start, shift_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, site);
            ps.setObject(2, utc(shiftStart));
            ps.setString(3, shiftId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether an alarm already opened or joined an order: a restart or a retry must not give it another. */
    static boolean hasOrder(Connection c, String alarmId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM work_order WHERE linked_alarms @> ?::jsonb LIMIT 1")) {
            ps.setString(1, new JsonArray().add(alarmId).encode());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Orders about the same source with the same fault created since {@code since}, this one included. */
    static int recurrence(Connection c, String site, String source, String fault, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM work_order WHERE site_id = ? AND source = ? AND fault = ? AND created_at >= ? AND drill IS NULL")) {
            ps.setString(1, site);
            ps.setString(2, source);
            ps.setString(3, fault);
            ps.setObject(4, utc(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** How many open orders each engineer holds, for spreading the work. */
    static Map<String, Integer> openByAssignee(Connection c) throws SQLException {
        Map<String, Integer> load = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT assignee, count(*) FROM work_order WHERE assignee IS NOT NULL AND " + OPEN
                + " GROUP BY assignee"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                load.put(rs.getString(1), rs.getInt(2));
            }
        }
        return load;
    }

    static List<WorkOrder> open(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM work_order WHERE " + OPEN + " ORDER BY created_at", List.of());
    }

    /** Open orders, for the periodic time-limit check and the shift handover. */
    public List<WorkOrder> open() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return open(c);
        }
    }

    public Optional<WorkOrder> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return first(c, "SELECT " + COLUMNS + " FROM work_order WHERE id = ?", id);
        }
    }

    public List<WorkOrder> list(Filter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM work_order WHERE true");
        List<Object> args = new ArrayList<>();
        f.site().ifPresent(v -> add(sql, args, " AND site_id = ?", v));
        f.state().ifPresent(v -> add(sql, args, " AND state = ?", v));
        f.category().ifPresent(v -> add(sql, args, " AND category = ?", v));
        f.assignee().ifPresent(v -> add(sql, args, " AND assignee = ?", v));
        f.source().ifPresent(v -> add(sql, args, " AND source = ?", v));
        if (f.openOnly()) {
            sql.append(" AND ").append(OPEN);
        }
        if (f.overdue().isPresent()) {
            // the clocks are kept in the sla column as written by SlaClocks.toJson: {"<step>": {"dueAt", "doneAt", …}}
            sql.append(" AND ").append(OPEN).append(" AND sla -> ? ->> 'doneAt' IS NULL AND (sla -> ? ->> 'dueAt')::timestamptz <= ?");
            args.add(f.overdue().get().code());
            args.add(f.overdue().get().code());
            args.add(utc(f.overdueAt()));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(f.limit());
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql.toString(), args);
        }
    }

    /** Orders created in [from, to), oldest first: the monthly export. */
    public List<WorkOrder> created(Instant from, Instant to, Optional<String> site) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM work_order WHERE created_at >= ? AND created_at < ?");
        List<Object> args = new ArrayList<>(List.of(utc(from), utc(to)));
        site.ifPresent(v -> add(sql, args, " AND site_id = ?", v));
        sql.append(" ORDER BY created_at, id");
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql.toString(), args);
        }
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }

    private static Optional<WorkOrder> first(Connection c, String sql, Object... args) throws SQLException {
        List<WorkOrder> found = query(c, sql, List.of(args));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<WorkOrder> query(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<WorkOrder> orders = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.add(read(rs));
                }
            }
            return orders;
        }
    }

    private static WorkOrder read(ResultSet rs) throws SQLException {
        WorkOrder o = new WorkOrder();
        int i = 1;
        o.id = rs.getString(i++);
        o.site = rs.getString(i++);
        o.source = rs.getString(i++);
        o.origin = WorkOrder.Origin.ofCode(rs.getString(i++)).orElseThrow();
        o.policy = rs.getString(i++);
        o.category = WorkOrderCategory.ofCode(rs.getString(i++)).orElse(WorkOrderCategory.OTHER);
        o.priority = rs.getString(i++);
        o.skill = rs.getString(i++);
        o.limits = limits(new JsonObject(rs.getString(i++)));
        o.fault = rs.getString(i++);
        o.summary = new JsonObject(rs.getString(i++));
        o.building = rs.getString(i++);
        o.floor = rs.getString(i++);
        o.state = WorkOrderState.ofCode(rs.getString(i++)).orElseThrow();
        o.assignee = rs.getString(i++);
        o.alarmId = rs.getString(i++);
        o.linkedAlarms = new JsonArray(rs.getString(i++));
        o.drill = rs.getString(i++);
        o.createdAt = instant(rs, i++);
        o.createdBy = rs.getString(i++);
        o.updatedAt = instant(rs, i++);
        o.acceptedAt = instant(rs, i++);
        o.onSiteAt = instant(rs, i++);
        o.resolvedAt = instant(rs, i++);
        o.verifiedAt = instant(rs, i++);
        o.closedAt = instant(rs, i++);
        o.undispatchedAt = instant(rs, i++);
        o.resolution = rs.getString(i++);
        int rating = rs.getInt(i++);
        o.rating = rs.wasNull() ? null : rating;
        o.cancelReason = rs.getString(i++);
        o.reopenCount = rs.getInt(i++);
        o.recurrence = rs.getInt(i++);
        o.outOfService = rs.getBoolean(i++);
        o.sla = SlaClocks.fromJson(new JsonObject(rs.getString(i++)));
        o.attachments = new JsonArray(rs.getString(i++));
        o.version = rs.getLong(i);
        return o;
    }

    static JsonObject limitsJson(SlaLimits limits) {
        JsonObject json = new JsonObject();
        for (SlaStep s : SlaStep.values()) {
            json.put(s.code(), limits.limit(s).toString());
        }
        return json;
    }

    private static SlaLimits limits(JsonObject json) {
        return new SlaLimits(Duration.parse(json.getString("respond")), Duration.parse(json.getString("arrive")),
                Duration.parse(json.getString("resolve")), Duration.parse(json.getString("returnVisit")));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}

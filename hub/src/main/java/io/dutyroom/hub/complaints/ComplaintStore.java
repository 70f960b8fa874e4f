package io.dutyroom.hub.complaints;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The {@code complaint} table. Blocking JDBC on a worker. The statements that change complaints take
 * the caller's connection, so they run in the same transaction as the timeline events that tell of
 * the change; reading a complaint to change it locks its row, so two hubs never interleave on one
 * complaint.
 */
public final class ComplaintStore {
    private static final String COLUMNS = "id, site_id, unit, building, floor, resident_name, resident_phone, channel, kind, department,"
            + " summary, matter, source, state, owner, received_by, major, limits::text, received_at, assigned_at, resolved_at,"
            + " return_visited_at, closed_at, satisfied, result, return_visit_note, overdue::text, work_order_id, recurrence, updated_at, version";
    private static final String OPEN = "state <> 'closed'";

    /** What the list endpoint filters on; empty means any. */
    public record Filter(Optional<String> site, Optional<String> state, Optional<String> unit, Optional<String> owner, boolean openOnly,
                         int limit) {
    }

    private final DataSource dataSource;

    public ComplaintStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('complaint_number')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.format("C-%06d", rs.getLong(1));
        }
    }

    static void insert(Connection c, Complaint k) throws SQLException {
        String sql = "INSERT INTO complaint (" + COLUMNS.replace("::text", "") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, k.id);
            ps.setString(i++, k.site);
            ps.setString(i++, k.unit);
            ps.setString(i++, k.building);
            ps.setString(i++, k.floor);
            ps.setString(i++, k.residentName);
            ps.setString(i++, k.residentPhone);
            ps.setString(i++, k.channel.code());
            i = setChanging(ps, i, k);
            ps.setLong(i, k.version);
            ps.executeUpdate();
        }
    }

    /** Writes back a complaint read with {@link #lock}. The resident and the channel never change. */
    static void update(Connection c, Complaint k) throws SQLException {
        String sql = "UPDATE complaint SET kind = ?, department = ?, summary = ?, matter = ?, source = ?, state = ?, owner = ?,"
                + " received_by = ?, major = ?, limits = ?::jsonb, received_at = ?, assigned_at = ?, resolved_at = ?, return_visited_at = ?,"
                + " closed_at = ?, satisfied = ?, result = ?, return_visit_note = ?, overdue = ?::jsonb, work_order_id = ?, recurrence = ?,"
                + " updated_at = ?, version = version + 1 WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = setChanging(ps, 1, k);
            ps.setString(i, k.id);
            ps.executeUpdate();
        }
        k.version++;
    }

    private static int setChanging(PreparedStatement ps, int i, Complaint k) throws SQLException {
        ps.setString(i++, k.kind == null ? null : k.kind.code());
        ps.setString(i++, k.department);
        ps.setString(i++, k.summary);
        ps.setString(i++, k.matter);
        ps.setString(i++, k.source);
        ps.setString(i++, k.state.code());
        ps.setString(i++, k.owner);
        ps.setString(i++, k.receivedBy);
        ps.setBoolean(i++, k.major);
        ps.setString(i++, limitsJson(k.limits).encode());
        ps.setObject(i++, utc(k.receivedAt));
        ps.setObject(i++, utc(k.assignedAt));
        ps.setObject(i++, utc(k.resolvedAt));
        ps.setObject(i++, utc(k.returnVisitedAt));
        ps.setObject(i++, utc(k.closedAt));
        ps.setObject(i++, k.satisfied);
        ps.setString(i++, k.result);
        ps.setString(i++, k.returnVisitNote);
        ps.setString(i++, new JsonArray(List.copyOf(k.overdue)).encode());
        ps.setString(i++, k.workOrderId);
        ps.setInt(i++, k.recurrence);
        ps.setObject(i++, utc(k.updatedAt));
        return i;
    }

    /** The complaint, its row locked until the transaction ends. */
    static Optional<Complaint> lock(Connection c, String id) throws SQLException {
        return first(c, "SELECT " + COLUMNS + " FROM complaint WHERE id = ? FOR UPDATE", id);
    }

    /**
     * Serialises the counting of one matter (site, unit, matter) and of one source until the
     * transaction ends, so two complaints of the same matter recorded at the same moment count each
     * other. Keys are taken in a fixed order, so two recordings never wait on each other in a circle.
     */
    static void lockMatter(Connection c, String site, String unit, String matter, Optional<String> source) throws SQLException {
        Set<String> keys = new TreeSet<>();
        keys.add("complaint-matter\u001f" + site + "\u001f" + unit + "\u001f" + matter);
        source.ifPresent(s -> keys.add("complaint-source\u001f" + site + "\u001f" + s));
        for (String key : keys) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                ps.setString(1, key);
                ps.executeQuery().close();
            }
        }
    }

    /**
     * Complaints received since {@code since} of the same matter from the same unit, or, when
     * {@code source} is given, about the same equipment.
     */
    static int recurrence(Connection c, String site, String unit, String matter, Optional<String> source, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM complaint WHERE site_id = ? AND received_at >= ?"
                + " AND ((unit = ? AND matter = ?) OR source = ?)")) {
            ps.setString(1, site);
            ps.setObject(2, utc(since));
            ps.setString(3, unit);
            ps.setString(4, matter);
            ps.setString(5, source.orElse(null)); // "source = NULL" is never true
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Open complaints, for the periodic overdue check. */
    public List<Complaint> open() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, "SELECT " + COLUMNS + " FROM complaint WHERE " + OPEN + " ORDER BY received_at", List.of());
        }
    }

    public Optional<Complaint> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id);
        }
    }

    /** One complaint, read in the caller's transaction, without a lock: a read that is recorded with it. */
    static Optional<Complaint> find(Connection c, String id) throws SQLException {
        return first(c, "SELECT " + COLUMNS + " FROM complaint WHERE id = ?", id);
    }

    public List<Complaint> list(Filter f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM complaint WHERE true");
        List<Object> args = new ArrayList<>();
        f.site().ifPresent(v -> add(sql, args, " AND site_id = ?", v));
        f.state().ifPresent(v -> add(sql, args, " AND state = ?", v));
        f.unit().ifPresent(v -> add(sql, args, " AND unit = ?", v));
        f.owner().ifPresent(v -> add(sql, args, " AND owner = ?", v));
        if (f.openOnly()) {
            sql.append(" AND ").append(OPEN);
        }
        sql.append(" ORDER BY received_at DESC, id DESC LIMIT ?");
        args.add(f.limit());
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql.toString(), args);
        }
    }

    /** Complaints received in [from, to), oldest first: the export. */
    public List<Complaint> received(Instant from, Instant to, Optional<String> site) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM complaint WHERE received_at >= ? AND received_at < ?");
        List<Object> args = new ArrayList<>(List.of(utc(from), utc(to)));
        site.ifPresent(v -> add(sql, args, " AND site_id = ?", v));
        sql.append(" ORDER BY received_at, id");
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql.toString(), args);
        }
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }

    private static Optional<Complaint> first(Connection c, String sql, Object... args) throws SQLException {
        List<Complaint> found = query(c, sql, List.of(args));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Complaint> query(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Complaint> complaints = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    complaints.add(read(rs));
                }
            }
            return complaints;
        }
    }

    private static Complaint read(ResultSet rs) throws SQLException {
        Complaint k = new Complaint();
        int i = 1;
        k.id = rs.getString(i++);
        k.site = rs.getString(i++);
        k.unit = rs.getString(i++);
        k.building = rs.getString(i++);
        k.floor = rs.getString(i++);
        k.residentName = rs.getString(i++);
        k.residentPhone = rs.getString(i++);
        k.channel = ComplaintChannel.ofCode(rs.getString(i++)).orElseThrow();
        String kind = rs.getString(i++);
        k.kind = kind == null ? null : ComplaintKind.ofCode(kind).orElseThrow();
        k.department = rs.getString(i++);
        k.summary = rs.getString(i++);
        k.matter = rs.getString(i++);
        k.source = rs.getString(i++);
        k.state = ComplaintState.ofCode(rs.getString(i++)).orElseThrow();
        k.owner = rs.getString(i++);
        k.receivedBy = rs.getString(i++);
        k.major = rs.getBoolean(i++);
        k.limits = limits(new JsonObject(rs.getString(i++)));
        k.receivedAt = instant(rs, i++);
        k.assignedAt = instant(rs, i++);
        k.resolvedAt = instant(rs, i++);
        k.returnVisitedAt = instant(rs, i++);
        k.closedAt = instant(rs, i++);
        boolean satisfied = rs.getBoolean(i++);
        k.satisfied = rs.wasNull() ? null : satisfied;
        k.result = rs.getString(i++);
        k.returnVisitNote = rs.getString(i++);
        k.overdue = new LinkedHashSet<>();
        new JsonArray(rs.getString(i++)).forEach(code -> k.overdue.add((String) code));
        k.workOrderId = rs.getString(i++);
        k.recurrence = rs.getInt(i++);
        k.updatedAt = instant(rs, i++);
        k.version = rs.getLong(i);
        return k;
    }

    static JsonObject limitsJson(ComplaintLimits limits) {
        JsonObject json = new JsonObject();
        for (ComplaintClock.Step s : ComplaintClock.Step.values()) {
            json.put(s.code(), limits.limit(s).toString());
        }
        return json;
    }

    private static ComplaintLimits limits(JsonObject json) {
        return new ComplaintLimits(Duration.parse(json.getString(ComplaintClock.Step.ASSIGN.code())),
                Duration.parse(json.getString(ComplaintClock.Step.RESOLVE.code())),
                Duration.parse(json.getString(ComplaintClock.Step.RETURN_VISIT.code())));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}

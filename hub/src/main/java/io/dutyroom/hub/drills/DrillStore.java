package io.dutyroom.hub.drills;

import io.dutyroom.hub.workorders.SlaClocks;
import io.dutyroom.hub.workorders.SlaLimits;
import io.dutyroom.hub.workorders.SlaStep;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code drills} table, and the drill's facts read from the alarm and work-order tables (their
 * {@code drill} column) and the timeline. Blocking JDBC: the service calls it on a database worker.
 */
public final class DrillStore {
    private static final String COLUMNS = "id, scenario, name::text, site_id, building, started_at, started_by, state, devices::text,"
            + " acknowledge_within, score::text, scored_at";
    /** The unique index that keeps one running drill per building. */
    static final String ONE_RUNNING_PER_BUILDING = "drills_one_running_per_building_idx";

    private final DataSource dataSource;

    public DrillStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new drill, inside the transaction that tells of it. */
    static void insert(Connection c, DrillRecord d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO drills (id, scenario, name, site_id, building, started_at, started_by,"
                + " state, devices, acknowledge_within) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            ps.setString(1, d.id());
            ps.setString(2, d.scenario());
            ps.setString(3, d.name().encode());
            ps.setString(4, d.site());
            ps.setString(5, d.building());
            ps.setObject(6, d.startedAt().atOffset(ZoneOffset.UTC));
            ps.setString(7, d.startedBy());
            ps.setString(8, d.state().code());
            ps.setString(9, new JsonObject(new HashMap<>(d.devices())).encode());
            ps.setString(10, d.acknowledgeWithin().toString());
            ps.executeUpdate();
        }
    }

    /**
     * Makes a running drill's score final. False when it is no longer running: another hub finished
     * it first, and its event is that hub's to write.
     */
    static boolean finish(Connection c, String id, DrillState state, JsonObject score, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE drills SET state = ?, score = ?::jsonb, scored_at = ? WHERE id = ? AND state = 'running'")) {
            ps.setString(1, state.code());
            ps.setString(2, score.encode());
            ps.setObject(3, at.atOffset(ZoneOffset.UTC));
            ps.setString(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    public List<DrillRecord> running() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM drills WHERE state = 'running' ORDER BY started_at", ps -> { });
    }

    /** Newest first. */
    public List<DrillRecord> list(int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM drills ORDER BY started_at DESC, id DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    public Optional<DrillRecord> find(String id) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM drills WHERE id = ?", ps -> ps.setString(1, id)).stream().findFirst();
    }

    /** The facts of each drill named, in two queries however many drills; a drill with none has {@link DrillFacts#NONE}. */
    public Map<String, DrillFacts> facts(Collection<String> ids) throws SQLException {
        Map<String, List<DrillFacts.AlarmFact>> alarms = new HashMap<>();
        Map<String, List<DrillFacts.OrderFact>> orders = new HashMap<>();
        if (ids.isEmpty()) {
            return Map.of();
        }
        try (Connection c = dataSource.getConnection()) {
            Array drills = c.createArrayOf("text", ids.toArray());
            // when each alarm was first shown (an alarm suppressed by design is raised without an
            // event), and first acknowledged: from the timeline, not the row, whose acknowledgement
            // belongs to the current activation and is cleared when the alarm is announced again (a
            // lift back in service on the order's resolve while the car is still stuck)
            try (PreparedStatement ps = c.prepareStatement("SELECT a.drill, a.id::text,"
                    + " (SELECT min(e.ts) FROM timeline_event e WHERE e.kind LIKE 'alarm.%' AND e.kind IN ("
                    + "  'alarm.raised', 'alarm.repeated', 'alarm.unsuppressed', 'alarm.returned-to-service')"
                    + "  AND e.payload->>'alarmId' = a.id::text),"
                    + " COALESCE((SELECT min(e.ts) FROM timeline_event e WHERE e.kind LIKE 'alarm.%' AND e.kind = 'alarm.acknowledged'"
                    + "  AND e.payload->>'alarmId' = a.id::text), a.acknowledged_at)"
                    + " FROM alarm a WHERE a.drill = ANY (?) ORDER BY a.raised_at, a.id")) {
                ps.setArray(1, drills);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        alarms.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new DrillFacts.AlarmFact(rs.getString(2),
                                Optional.ofNullable(instant(rs, 3)), Optional.ofNullable(instant(rs, 4))));
                    }
                }
            }
            // the first dispatch is told only by the timeline: the order's row keeps its current assignee
            try (PreparedStatement ps = c.prepareStatement("SELECT w.drill, w.id, w.policy, w.created_at,"
                    + " (SELECT min(e.ts) FROM timeline_event e WHERE e.kind LIKE 'workorder.%' AND e.kind = 'workorder.dispatched'"
                    + "  AND e.payload->>'workOrderId' = w.id),"
                    + " w.accepted_at, w.on_site_at, w.resolved_at, w.limits::text, w.sla::text"
                    + " FROM work_order w WHERE w.drill = ANY (?) ORDER BY w.created_at, w.id")) {
                ps.setArray(1, drills);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        orders.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(order(rs));
                    }
                }
            }
            drills.free();
        }
        Map<String, DrillFacts> facts = new HashMap<>();
        for (String id : ids) {
            facts.put(id, new DrillFacts(alarms.getOrDefault(id, List.of()), orders.getOrDefault(id, List.of())));
        }
        return facts;
    }

    private static DrillFacts.OrderFact order(ResultSet rs) throws SQLException {
        JsonObject limits = new JsonObject(rs.getString(9));
        SlaClocks clocks = SlaClocks.fromJson(new JsonObject(rs.getString(10)));
        Map<SlaStep, Instant> due = new EnumMap<>(SlaStep.class);
        for (SlaStep step : SlaStep.values()) {
            clocks.dueAt(step).ifPresent(t -> due.put(step, t));
        }
        return new DrillFacts.OrderFact(rs.getString(2), rs.getString(3), instant(rs, 4), Optional.ofNullable(instant(rs, 5)),
                Optional.ofNullable(instant(rs, 6)), Optional.ofNullable(instant(rs, 7)), Optional.ofNullable(instant(rs, 8)),
                new SlaLimits(limit(limits, SlaStep.RESPOND), limit(limits, SlaStep.ARRIVE), limit(limits, SlaStep.RESOLVE),
                        limit(limits, SlaStep.RETURN_VISIT)), due);
    }

    private static Duration limit(JsonObject limits, SlaStep step) {
        return Duration.parse(limits.getString(step.code()));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<DrillRecord> query(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<DrillRecord> drills = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    drills.add(record(rs));
                }
            }
            return drills;
        }
    }

    private static DrillRecord record(ResultSet rs) throws SQLException {
        Map<String, String> devices = new HashMap<>();
        new JsonObject(rs.getString(9)).forEach(e -> devices.put(e.getKey(), String.valueOf(e.getValue())));
        String score = rs.getString(11);
        return new DrillRecord(rs.getString(1), rs.getString(2), new JsonObject(rs.getString(3)), rs.getString(4), rs.getString(5),
                instant(rs, 6), rs.getString(7), DrillState.ofCode(rs.getString(8)).orElseThrow(), devices, Duration.parse(rs.getString(10)),
                Optional.ofNullable(score).map(JsonObject::new), Optional.ofNullable(instant(rs, 12)));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}

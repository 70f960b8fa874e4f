package io.dutyroom.hub.alarms;

import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.profile.RulePriority;
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
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code alarm} table. Blocking JDBC, called on a worker; rows are written alongside timeline events. */
public final class AlarmStore {
    private static final String COLUMNS = "id, site_id, source, rule_id, building, floor, source_name::text, rule::text, state, status::text,"
            + " drill, activations, raised_at, last_activated_at, returned_at, acknowledged_at, acknowledged_by, closed_at, chattering,"
            + " stale, message::text, snapshot::text";

    private final DataSource dataSource;

    public AlarmStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the alarm as it now stands, on the caller's connection (and so in its transaction). */
    static void upsert(Connection c, AlarmRecord a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alarm (" + COLUMNS.replace("::text", "") + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)"
                + " ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, status = EXCLUDED.status, activations = EXCLUDED.activations,"
                + " last_activated_at = EXCLUDED.last_activated_at, returned_at = EXCLUDED.returned_at,"
                + " acknowledged_at = EXCLUDED.acknowledged_at, acknowledged_by = EXCLUDED.acknowledged_by, closed_at = EXCLUDED.closed_at,"
                + " chattering = EXCLUDED.chattering, stale = EXCLUDED.stale, snapshot = EXCLUDED.snapshot")) {
            ps.setObject(1, UUID.fromString(a.id()));
            ps.setString(2, a.site());
            ps.setString(3, a.source());
            ps.setString(4, a.rule().id());
            ps.setString(5, a.building());
            ps.setString(6, a.floor());
            ps.setString(7, text(a.sourceName()).encode());
            ps.setString(8, rule(a.rule()).encode());
            ps.setString(9, a.state().code());
            ps.setString(10, status(a.status()).encode());
            ps.setString(11, a.drill().orElse(null));
            ps.setInt(12, a.activations());
            ps.setObject(13, utc(a.raisedAt()));
            ps.setObject(14, utc(a.lastActivatedAt()));
            ps.setObject(15, a.returnedAt().map(AlarmStore::utc).orElse(null));
            ps.setObject(16, a.acknowledgedAt().map(AlarmStore::utc).orElse(null));
            ps.setString(17, a.acknowledgedBy().orElse(null));
            ps.setObject(18, a.closedAt().map(AlarmStore::utc).orElse(null));
            ps.setBoolean(19, a.chattering());
            ps.setBoolean(20, a.stale());
            ps.setString(21, text(a.message()).encode());
            ps.setString(22, a.values().encode());
            ps.executeUpdate();
        }
    }

    java.sql.Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** The alarms open when the hub stopped. Blocking; for start-up. */
    public List<AlarmRecord> open() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM alarm WHERE closed_at IS NULL", null);
    }

    /** One alarm, open or closed. */
    public Optional<AlarmRecord> find(String id) throws SQLException {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return query("SELECT " + COLUMNS + " FROM alarm WHERE id = ?", uuid).stream().findFirst();
    }

    /** Closed alarms of a source, newest first: the alarm history of a piece of equipment. */
    public List<AlarmRecord> history(String source, int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM alarm WHERE source = ? ORDER BY raised_at DESC LIMIT " + limit, source);
    }

    private List<AlarmRecord> query(String sql, Object arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setObject(1, arg);
            }
            List<AlarmRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    private static AlarmRecord read(ResultSet rs) throws SQLException {
        JsonObject rule = new JsonObject(rs.getString(8));
        JsonObject status = new JsonObject(rs.getString(10));
        return new AlarmRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(5), rs.getString(6),
                localized(new JsonObject(rs.getString(7))), rule(rule), status(status), Optional.ofNullable(rs.getString(11)),
                rs.getInt(12), instant(rs, 13), instant(rs, 14), Optional.ofNullable(instant(rs, 15)), Optional.ofNullable(instant(rs, 16)),
                Optional.ofNullable(rs.getString(17)), Optional.ofNullable(instant(rs, 18)), rs.getBoolean(19), rs.getBoolean(20),
                localized(new JsonObject(rs.getString(21))), new JsonObject(rs.getString(22)));
    }

    private static JsonObject rule(AlarmRule r) {
        return new JsonObject().put("id", r.id()).put("name", text(r.name())).put("priority", r.priority().code()).put("latch", r.latch())
                .put("message", text(r.message())).put("workOrder", r.workOrder().orElse(null));
    }

    private static AlarmRule rule(JsonObject j) {
        return new AlarmRule(j.getString("id"), localized(j.getJsonObject("name")), RulePriority.parse(j.getString("priority")).orElseThrow(),
                j.getBoolean("latch", false), localized(j.getJsonObject("message")), Optional.ofNullable(j.getString("workOrder")));
    }

    private static JsonObject status(AlarmStatus s) {
        JsonObject j = new JsonObject().put("base", s.base().code()).put("condition", s.condition()).put("latched", s.latched());
        s.shelf().ifPresent(sh -> j.put("shelf", new JsonObject().put("user", sh.user()).put("reason", sh.reason()).put("until", sh.until().toString())));
        s.suppression().ifPresent(v -> j.put("suppression", v));
        s.outOfService().ifPresent(v -> j.put("outOfService", v));
        return j;
    }

    private static AlarmStatus status(JsonObject j) {
        JsonObject shelf = j.getJsonObject("shelf");
        return new AlarmStatus(AlarmState.parse(j.getString("base")).orElseThrow(), j.getBoolean("condition"), j.getBoolean("latched"),
                shelf == null ? Optional.empty()
                        : Optional.of(new AlarmStatus.Shelf(shelf.getString("user"), shelf.getString("reason"), Instant.parse(shelf.getString("until")))),
                Optional.ofNullable(j.getString("suppression")), Optional.ofNullable(j.getString("outOfService")));
    }

    private static JsonObject text(LocalizedText t) {
        return new JsonObject().put("zh", t.zh()).put("en", t.en());
    }

    private static LocalizedText localized(JsonObject j) {
        return new LocalizedText(j.getString("zh"), j.getString("en"));
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}

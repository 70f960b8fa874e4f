package io.dutyroom.hub.timeline;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code timeline_event} table. Blocking JDBC: {@link Timeline} calls it on a worker. */
public final class TimelineStore {
    /** Work done in the same transaction as an event's insert. */
    @FunctionalInterface
    public interface Alongside {
        Alongside NOTHING = c -> { };

        void write(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    TimelineStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Work that reads and writes a service's own tables and appends timeline events, all in one
     * transaction: it returns its result, and the events it appended are published once committed.
     */
    @FunctionalInterface
    public interface Transaction<T> {
        T run(Connection c, Appender appender) throws SQLException;
    }

    /** Appends events inside a {@link Transaction}. */
    public interface Appender {
        TimelineEvent append(TimelineEvent event) throws SQLException;
    }

    /** A committed transaction: its result and the events it stored, in order. */
    record Committed<T>(T result, List<TimelineEvent> events) {
    }

    TimelineEvent insert(TimelineEvent event, Alongside alongside) throws SQLException {
        return transaction((c, appender) -> {
            alongside.write(c);
            return appender.append(event);
        }, e -> e).result();
    }

    <T> Committed<T> transaction(Transaction<T> work, java.util.function.UnaryOperator<TimelineEvent> placed) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            List<TimelineEvent> stored = new ArrayList<>();
            T result;
            try {
                result = work.run(c, event -> {
                    TimelineEvent withId = insertOn(c, placed.apply(event));
                    stored.add(withId);
                    return withId;
                });
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // the connection is broken; the first failure says why
                }
                throw e;
            }
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                // committed all the same; the pool discards or resets a connection in this state
            }
            return new Committed<>(result, stored);
        }
    }

    private static TimelineEvent insertOn(Connection c, TimelineEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO timeline_event (ts, kind, site_id, subject, severity, payload, building, floor, search)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id")) {
            TimelineRow row = TimelineRow.of(event);
            ps.setObject(1, row.ts());
            ps.setString(2, row.kind());
            ps.setString(3, row.site());
            ps.setString(4, row.subject());
            ps.setString(5, row.severity());
            ps.setString(6, row.payload());
            ps.setString(7, row.building());
            ps.setString(8, row.floor());
            ps.setString(9, row.search());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return event.withId(rs.getLong(1));
            }
        }
    }

    TimelinePage page(TimelineQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + EVENT_COLUMNS + " FROM timeline_event WHERE true");
        List<Object> args = new ArrayList<>();
        q.site().ifPresent(v -> add(sql, args, " AND site_id = ?", v));
        q.subject().ifPresent(v -> add(sql, args, " AND subject = ?", v));
        q.building().ifPresent(v -> add(sql, args, " AND building = ?", v));
        q.floor().ifPresent(v -> add(sql, args, " AND floor = ?", v));
        if (!q.kinds().isEmpty()) {
            // "alarm.raised" is one kind; "alarm.*" every kind of alarm
            sql.append(" AND (false");
            for (String kind : q.kinds()) {
                if (kind.endsWith(".*")) {
                    add(sql, args, " OR kind LIKE ?", likeEscaped(kind.substring(0, kind.length() - 1)) + "%");
                } else {
                    add(sql, args, " OR kind = ?", kind);
                }
            }
            sql.append(")");
        }
        // the codes are the enum's own, never the caller's text
        q.minSeverity().ifPresent(v -> sql.append(" AND severity IN (").append(String.join(", ", java.util.Arrays.stream(Severity.values())
                .filter(s -> s.compareTo(v) >= 0).map(s -> "'" + s.code() + "'").toList())).append(")"));
        q.text().ifPresent(v -> add(sql, args, " AND search LIKE ?", "%" + likeEscaped(v.toLowerCase(java.util.Locale.ROOT)) + "%"));
        q.from().ifPresent(v -> add(sql, args, " AND ts >= ?", v.atOffset(ZoneOffset.UTC)));
        q.to().ifPresent(v -> add(sql, args, " AND ts < ?", v.atOffset(ZoneOffset.UTC)));
        q.cursor().ifPresent(cur -> {
            sql.append(" AND (ts, id) < (?, ?)");
            args.add(cur.ts().atOffset(ZoneOffset.UTC));
            args.add(cur.id());
        });
        sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1);
        try (Connection c = dataSource.getConnection()) {
            List<TimelineEvent> events = events(c, sql.toString(), args);
            if (events.size() > q.limit()) {
                events.remove(events.size() - 1);
                TimelineEvent last = events.get(events.size() - 1);
                return new TimelinePage(events, Optional.of(new TimelineQuery.Cursor(last.ts(), last.id())));
            }
            return new TimelinePage(events, Optional.empty());
        }
    }

    /** The newest event of each subject among {@code kinds}: the state the hub resumes from. */
    List<TimelineEvent> latestPerSubject(List<String> kinds) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT DISTINCT ON (subject) id, ts, kind, site_id, subject, severity FROM timeline_event"
                             + " WHERE kind = ANY (?) AND subject IS NOT NULL ORDER BY subject, ts DESC, id DESC")) {
            ps.setArray(1, c.createArrayOf("text", kinds.toArray()));
            List<TimelineEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new TimelineEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), Severity.ofCode(rs.getString(6)), null));
                }
            }
            return events;
        }
    }

    /** Where "what happened around here" looks from: an event, or the first event of an alarm, a work order or a complaint. */
    public record Anchor(Optional<Long> event, Optional<String> alarm, Optional<String> workOrder, Optional<String> complaint) {
    }

    /** The anchor event and the events around it, oldest first. */
    public record Around(TimelineEvent anchor, List<TimelineEvent> events) {
    }

    Optional<Around> around(Anchor a, java.time.Duration before, java.time.Duration after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<TimelineEvent> found;
            if (a.event().isPresent()) {
                found = events(c, "SELECT " + EVENT_COLUMNS + " FROM timeline_event WHERE id = ?", List.of(a.event().get()));
            } else if (a.alarm().isPresent()) {
                found = events(c, "SELECT " + EVENT_COLUMNS + " FROM timeline_event WHERE kind LIKE 'alarm.%' AND payload->>'alarmId' = ?"
                        + " ORDER BY ts, id LIMIT 1", List.of(a.alarm().get()));
            } else if (a.workOrder().isPresent()) {
                found = events(c, "SELECT " + EVENT_COLUMNS + " FROM timeline_event WHERE kind LIKE 'workorder.%' AND payload->>'workOrderId' = ?"
                        + " ORDER BY ts, id LIMIT 1", List.of(a.workOrder().get()));
            } else {
                found = events(c, "SELECT " + EVENT_COLUMNS + " FROM timeline_event WHERE kind LIKE 'complaint.%' AND payload->>'complaintId' = ?"
                        + " ORDER BY ts, id LIMIT 1", List.of(a.complaint().orElseThrow()));
            }
            if (found.isEmpty()) {
                return Optional.empty();
            }
            TimelineEvent anchor = found.get(0);
            String building = anchor.payload().getValue("building") instanceof String b ? b : null;
            List<Object> args = new ArrayList<>();
            args.add(anchor.ts().minus(before).atOffset(ZoneOffset.UTC));
            args.add(anchor.ts().plus(after).atOffset(ZoneOffset.UTC));
            args.add(anchor.site());
            args.add(anchor.subject());
            args.add(building);
            args.add(limit);
            List<TimelineEvent> events = events(c, "SELECT " + EVENT_COLUMNS + " FROM timeline_event WHERE ts >= ? AND ts <= ?"
                    + " AND site_id IS NOT DISTINCT FROM ? AND (subject = ? OR building = ?)"
                    + " ORDER BY ts, id LIMIT ?", args);
            return Optional.of(new Around(anchor, events));
        }
    }

    private static final String EVENT_COLUMNS = "id, ts, kind, site_id, subject, severity, payload::text";

    private static List<TimelineEvent> events(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<TimelineEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new TimelineEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), Severity.ofCode(rs.getString(6)), new JsonObject(rs.getString(7))));
                }
            }
            return events;
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }
}

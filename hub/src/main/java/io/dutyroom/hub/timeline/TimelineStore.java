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
        }).result();
    }

    <T> Committed<T> transaction(Transaction<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            List<TimelineEvent> stored = new ArrayList<>();
            T result;
            try {
                result = work.run(c, event -> {
                    TimelineEvent withId = insertOn(c, event);
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
                "INSERT INTO timeline_event (ts, kind, site_id, subject, severity, payload) VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING id")) {
            ps.setObject(1, event.ts().atOffset(ZoneOffset.UTC));
            ps.setString(2, event.kind());
            ps.setString(3, event.site());
            ps.setString(4, event.subject());
            ps.setString(5, event.severity().code());
            ps.setString(6, event.payload().encode());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return event.withId(rs.getLong(1));
            }
        }
    }

    TimelinePage page(TimelineQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, ts, kind, site_id, subject, severity, payload::text FROM timeline_event WHERE true");
        List<Object> args = new ArrayList<>();
        q.site().ifPresent(v -> add(sql, args, " AND site_id = ?", v));
        q.subject().ifPresent(v -> add(sql, args, " AND subject = ?", v));
        q.kind().ifPresent(v -> add(sql, args, " AND kind = ?", v));
        q.from().ifPresent(v -> add(sql, args, " AND ts >= ?", v.atOffset(ZoneOffset.UTC)));
        q.to().ifPresent(v -> add(sql, args, " AND ts < ?", v.atOffset(ZoneOffset.UTC)));
        q.cursor().ifPresent(cur -> {
            sql.append(" AND (ts, id) < (?, ?)");
            args.add(cur.ts().atOffset(ZoneOffset.UTC));
            args.add(cur.id());
        });
        sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
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

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }
}

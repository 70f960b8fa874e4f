package io.dutyroom.hub.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code app_session} table. Blocking JDBC: call it on a worker, never on an event loop. */
public final class SessionStore {
    /** A stored session with its user as they are now. */
    public record Found(Session session, User user) {
    }

    private final DataSource dataSource;

    public SessionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Session s) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO app_session (token_hash, username, role, created_at, last_seen_at, expires_at)"
                     + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.tokenHash());
            ps.setString(2, s.username());
            ps.setString(3, s.role().code());
            ps.setObject(4, utc(s.createdAt()));
            ps.setObject(5, utc(s.lastSeenAt()));
            ps.setObject(6, utc(s.expiresAt()));
            ps.executeUpdate();
        }
    }

    /** The session with this token hash, and its user; whether it is still live is the caller's decision. */
    public Optional<Found> find(String tokenHash) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT s.token_hash, s.username, s.role, s.created_at, s.last_seen_at, s.expires_at,"
                     + " u.display_name, u.role AS user_role, u.password_hash, u.must_change, u.created_at AS user_created_at, u.disabled"
                     + " FROM app_session s JOIN app_user u ON u.username = s.username WHERE s.token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Session session = new Session(rs.getString("token_hash"), rs.getString("username"), role(rs.getString("role")),
                        instant(rs, "created_at"), instant(rs, "last_seen_at"), instant(rs, "expires_at"));
                User user = new User(rs.getString("username"), rs.getString("display_name"), role(rs.getString("user_role")),
                        rs.getString("password_hash"), rs.getBoolean("must_change"), instant(rs, "user_created_at"), rs.getBoolean("disabled"));
                return Optional.of(new Found(session, user));
            }
        }
    }

    public void touch(String tokenHash, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE app_session SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?")) {
            ps.setObject(1, utc(at));
            ps.setString(2, tokenHash);
            ps.setObject(3, utc(at));
            ps.executeUpdate();
        }
    }

    /** Ends one session; false when there was none. */
    public boolean delete(String tokenHash) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM app_session WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            return ps.executeUpdate() == 1;
        }
    }

    /** Ends every session of a user except {@code keep} (may be null: all of them); after a password change. */
    public int deleteForUser(String username, String keep) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM app_session WHERE username = ? AND token_hash IS DISTINCT FROM ?")) {
            ps.setString(1, username);
            ps.setString(2, keep);
            return ps.executeUpdate();
        }
    }

    /** Deletes the sessions that have ended: past their expiry, or idle since {@code idleCutoff}. */
    public int purge(Instant now, Instant idleCutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM app_session WHERE expires_at <= ? OR last_seen_at <= ?")) {
            ps.setObject(1, utc(now));
            ps.setObject(2, utc(idleCutoff));
            return ps.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Role role(String code) throws SQLException {
        Optional<Role> role = Role.ofCode(code);
        if (role.isEmpty()) {
            throw new SQLException("unknown role '" + code + "' in the database");
        }
        return role.get();
    }
}

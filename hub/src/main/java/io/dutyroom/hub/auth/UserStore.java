package io.dutyroom.hub.auth;

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

/** The {@code app_user} table. Blocking JDBC: call it on a worker, never on an event loop. */
public final class UserStore {
    private static final String COLUMNS = "username, display_name, role, password_hash, must_change, created_at, disabled";

    private final DataSource dataSource;

    public UserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM app_user");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Optional<User> find(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<User> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM app_user ORDER BY username");
             ResultSet rs = ps.executeQuery()) {
            List<User> users = new ArrayList<>();
            while (rs.next()) {
                users.add(read(rs));
            }
            return users;
        }
    }

    /** Adds a user; false when the username is taken. */
    public boolean create(User user) throws SQLException {
        return insert(user, "");
    }

    /**
     * Adds the first user, only while there is none: two hubs starting together on one database
     * make one admin, not two, and a hub never adds one beside users an admin made.
     */
    public boolean createFirst(User user) throws SQLException {
        return insert(user, " WHERE NOT EXISTS (SELECT 1 FROM app_user)");
    }

    private boolean insert(User user, String condition) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?::boolean, ?::timestamptz, ?::boolean" + condition
                     + " ON CONFLICT (username) DO NOTHING")) {
            bind(ps, user);
            return ps.executeUpdate() == 1;
        }
    }

    /** Adds the user, or gives an existing one this role, name and password and enables it (the demo's users). */
    public void put(User user) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                     + " ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,"
                     + " password_hash = excluded.password_hash, must_change = excluded.must_change, disabled = excluded.disabled")) {
            bind(ps, user);
            ps.executeUpdate();
        }
    }

    /** A new password; false when there is no such user. */
    public boolean setPassword(String username, String passwordHash, boolean mustChange) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE app_user SET password_hash = ?, must_change = ? WHERE username = ?")) {
            ps.setString(1, passwordHash);
            ps.setBoolean(2, mustChange);
            ps.setString(3, username);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The same password hashed with today's parameters, after a log-in proved it; only if the hash
     * is still the one that was checked (a password change meanwhile wins).
     */
    public void rehash(String username, String oldHash, String newHash) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE app_user SET password_hash = ? WHERE username = ? AND password_hash = ?")) {
            ps.setString(1, newHash);
            ps.setString(2, username);
            ps.setString(3, oldHash);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, User user) throws SQLException {
        ps.setString(1, user.username());
        ps.setString(2, user.displayName());
        ps.setString(3, user.role().code());
        ps.setString(4, user.passwordHash());
        ps.setBoolean(5, user.mustChange());
        ps.setObject(6, OffsetDateTime.ofInstant(user.createdAt(), ZoneOffset.UTC));
        ps.setBoolean(7, user.disabled());
    }

    private static User read(ResultSet rs) throws SQLException {
        String role = rs.getString("role");
        return new User(rs.getString("username"), rs.getString("display_name"),
                Role.ofCode(role).orElseThrow(() -> new SQLException("app_user has an unknown role '" + role + "'")),
                rs.getString("password_hash"), rs.getBoolean("must_change"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBoolean("disabled"));
    }
}

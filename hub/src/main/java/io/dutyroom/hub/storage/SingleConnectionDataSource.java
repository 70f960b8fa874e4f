package io.dutyroom.hub.storage;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out one connection, again and again, ignoring {@code close()}. Flyway asks its data source
 * for more than one connection; giving it the same session keeps the migration to a single
 * connection, which every PostgreSQL-compatible engine can serve (including the single-session
 * TimescaleDB engine our tests use), and lets it run before the pool opens.
 */
final class SingleConnectionDataSource implements DataSource {
    private final Connection connection;
    private final Connection unclosable;

    SingleConnectionDataSource(Connection connection) {
        this.connection = connection;
        this.unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            return null;
                        case "isClosed":
                            return connection.isClosed();
                        default:
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    @Override
    public Connection getConnection() {
        return unclosable;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return unclosable;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no logging of its own
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the connection is already open
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    Connection connection() {
        return connection;
    }
}

package io.dutyroom.hub.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.dutyroom.hub.config.DatabaseOptions;
import io.dutyroom.hub.embedded.StartupException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the schema. Opening it migrates the schema with Flyway, choosing the
 * TimescaleDB or plain-PostgreSQL telemetry table; the choice is remembered by the schema itself
 * (an existing hypertable stays a hypertable).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final StorageFlavour flavour;
    private final String url;
    private final DatabaseProbe probe;

    private Database(HikariDataSource pool, StorageFlavour flavour, String url, DatabaseProbe probe) {
        this.pool = pool;
        this.flavour = flavour;
        this.url = url;
        this.probe = probe;
    }

    /** Connects, migrates and returns the database; any failure is a {@link StartupException} that says what to do. */
    public static Database open(String url, String user, String password, DatabaseOptions options) {
        StorageFlavour flavour = migrate(url, user, password, options);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        // one connection more than the query workers, so API queries can never starve the telemetry writer
        config.setMaximumPoolSize(options.poolSize() + 1);
        config.setPoolName("dutyroom-db");
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "dutyroom-hub");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        if (!"public".equals(options.schema())) {
            // the schema first, public after it: extension functions (time_bucket) live in public
            config.addDataSourceProperty("currentSchema", options.schema() + ",public");
        }
        try {
            HikariDataSource pool = new HikariDataSource(config);
            LOG.info("database {} ready: schema '{}', telemetry on {}", url, options.schema(),
                    flavour == StorageFlavour.TIMESCALE ? "TimescaleDB" : "PostgreSQL partitions");
            DatabaseProbe probe = new DatabaseProbe(url, user, password, "dutyroom-hub-probe", System::nanoTime);
            probe.start();
            return new Database(pool, flavour, url, probe);
        } catch (HikariPool.PoolInitializationException e) {
            throw cannotConnect(url, user, e);
        }
    }

    /**
     * Chooses the flavour and migrates on one dedicated connection, before the pool opens: the
     * schema is in place before anything else touches it.
     */
    private static StorageFlavour migrate(String url, String user, String password, DatabaseOptions options) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "dutyroom-hub-migration");
        props.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection(url, props)) {
            StorageFlavour flavour = chooseFlavour(c, options);
            migrate(new SingleConnectionDataSource(c), options.schema(), flavour);
            return flavour;
        } catch (SQLException e) {
            throw cannotConnect(url, user, e);
        }
    }

    private static StartupException cannotConnect(String url, String user, Exception e) {
        return new StartupException("cannot connect to PostgreSQL at " + url + " as '" + user + "': "
                + rootMessage(e) + ". Check DUTYROOM_DB_URL, DUTYROOM_DB_USER and DUTYROOM_DB_PASSWORD.", e);
    }

    public DataSource dataSource() {
        return pool;
    }

    public StorageFlavour flavour() {
        return flavour;
    }

    public String url() {
        return url;
    }

    /** True when the database answered its probe within the last few seconds; answers at once, for the health check. */
    public boolean isUp() {
        return probe.isUp();
    }

    @Override
    public void close() {
        probe.close();
        pool.close();
    }

    private static StorageFlavour chooseFlavour(Connection c, DatabaseOptions options) {
        try (Statement s = c.createStatement()) {
            try (ResultSet existing = s.executeQuery(
                    "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            + "WHERE n.nspname = '" + options.schema() + "' AND c.relname = 'telemetry'")) {
                if (existing.next()) {
                    // already migrated: a partitioned table ('p') is the plain flavour, a hypertable is a plain table ('r')
                    StorageFlavour found = "p".equals(existing.getString(1)) ? StorageFlavour.POSTGRES : StorageFlavour.TIMESCALE;
                    if (found == StorageFlavour.POSTGRES && options.timescale() == DatabaseOptions.Timescale.REQUIRED) {
                        throw new StartupException("db.timescale is 'required' but schema '" + options.schema()
                                + "' already holds telemetry as plain PostgreSQL partitions; use a new schema for TimescaleDB");
                    }
                    return found;
                }
            }
            boolean available;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
                available = rs.next();
            }
            return switch (options.timescale()) {
                case OFF -> StorageFlavour.POSTGRES;
                case AUTO -> available ? StorageFlavour.TIMESCALE : StorageFlavour.POSTGRES;
                case REQUIRED -> {
                    if (!available) {
                        throw new StartupException("db.timescale is 'required' but the timescaledb extension is not available on this server");
                    }
                    yield StorageFlavour.TIMESCALE;
                }
            };
        } catch (SQLException e) {
            throw new StartupException("cannot inspect the database: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource ds, String schema, StorageFlavour flavour) {
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .schemas(schema)
                    .createSchemas(true)
                    .locations("classpath:db/migration/common", flavour.migrations())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StartupException("database migration failed: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

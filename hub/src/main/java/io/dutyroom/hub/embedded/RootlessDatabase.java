package io.dutyroom.hub.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL for a hub running as root. PostgreSQL will not run as root, and Java
 * cannot give up root by itself; so a small helper JVM ({@link EmbeddedDatabaseProcess}) is started
 * with {@code unshare --user}, in a user namespace of its own, where it and the PostgreSQL server it
 * starts see themselves as the unprivileged user {@code nobody}. To the file system they are still
 * the user who started them, so the data directory stays the hub's, wherever it is.
 *
 * <p>The helper prints one line when the server is ready and stops it when its standard input
 * closes: when the hub closes it, or when the hub dies, however it dies.
 */
final class RootlessDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RootlessDatabase.class);
    /** How long the helper may take to start PostgreSQL, initdb on a first run included. */
    private static final long READY_SECONDS = 120;

    private final Process helper;
    private final String jdbcUrl;

    private RootlessDatabase(Process helper, String jdbcUrl) {
        this.helper = helper;
        this.jdbcUrl = jdbcUrl;
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static RootlessDatabase start(Path directory, String host, int port) {
        List<String> command = new ArrayList<>(List.of("unshare", "--user",
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseProcess.class.getName(),
                directory.toAbsolutePath().toString(), host, Integer.toString(port)));
        Process helper;
        try {
            helper = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw cannotRun("'unshare' could not be run (" + e.getMessage() + "; it is part of util-linux)", e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> said = new ArrayList<>();
        Thread reader = new Thread(() -> relay(helper, ready, said), "dutyroom-embedded-postgres-log");
        reader.setDaemon(true);
        reader.start();
        try {
            String url = ready.get(READY_SECONDS, TimeUnit.SECONDS);
            LOG.info("embedded PostgreSQL listening at {} (data in {}), run as an unprivileged user because the hub runs as root", url, directory);
            return new RootlessDatabase(helper, url);
        } catch (ExecutionException | TimeoutException e) {
            helper.destroyForcibly();
            String output;
            synchronized (said) {
                output = String.join(" | ", said.subList(Math.max(0, said.size() - 5), said.size()));
            }
            throw cannotRun(output.isEmpty() ? "the helper did not answer within " + READY_SECONDS + " s" : output, e);
        } catch (InterruptedException e) {
            helper.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting the embedded PostgreSQL", e);
        }
    }

    private static StartupException cannotRun(String why, Exception cause) {
        return new StartupException("the embedded PostgreSQL cannot run as root, and running it as an unprivileged user in a user "
                + "namespace failed: " + why + ". Run the hub as an ordinary user, or point it at a PostgreSQL server with DUTYROOM_DB_URL "
                + "(in a container, the runtime may forbid user namespaces).", cause);
    }

    /** Passes the helper's output to the hub's log, and the ready line to {@code ready}. */
    private static void relay(Process helper, CompletableFuture<String> ready, List<String> said) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(EmbeddedDatabaseProcess.READY)) {
                    ready.complete(line.substring(EmbeddedDatabaseProcess.READY.length()).trim());
                    continue;
                }
                synchronized (said) {
                    said.add(line);
                    if (said.size() > 50) {
                        said.remove(0);
                    }
                }
                LOG.debug("[embedded postgres] {}", line);
            }
        } catch (IOException e) {
            // the helper ended; its exit is reported below
        }
        try {
            ready.completeExceptionally(new IOException("the helper exited with status " + helper.waitFor()));
        } catch (InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** Closes the helper's input, on which it stops PostgreSQL and exits. */
    @Override
    public void close() throws IOException, InterruptedException {
        helper.getOutputStream().close();
        if (!helper.waitFor(30, TimeUnit.SECONDS)) {
            LOG.warn("the embedded PostgreSQL's helper did not stop within 30 s; killing it");
            helper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}

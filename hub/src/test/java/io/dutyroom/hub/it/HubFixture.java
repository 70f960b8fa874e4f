package io.dutyroom.hub.it;

import io.dutyroom.hub.config.HubConfig;
import io.dutyroom.hub.launcher.Hub;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A hub started in-process against the test services, in its own schema and topic root, plus the
 * ways a test talks to it: HTTP, metrics and SQL. Settings go in as the environment variables an
 * operator would use.
 */
public final class HubFixture implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final String schema;
    public final String topicRoot;
    public final Map<String, String> env = new HashMap<>();
    private Hub hub;

    public HubFixture() {
        this(TestServices.newSchema(), TestServices.newTopicRoot());
    }

    public HubFixture(String schema, String topicRoot) {
        this.schema = schema;
        this.topicRoot = topicRoot;
        TestServices.Db db = TestServices.db();
        env.put("DUTYROOM_MQTT_URL", TestServices.mqttUrl());
        env.put("DUTYROOM_MQTT_TOPIC_ROOT", topicRoot);
        env.put("DUTYROOM_MQTT_CLIENT_ID", "hub-" + schema);
        env.put("DUTYROOM_DB_URL", db.url());
        env.put("DUTYROOM_DB_USER", db.user());
        env.put("DUTYROOM_DB_PASSWORD", db.password());
        env.put("DUTYROOM_DB_SCHEMA", schema);
        env.put("DUTYROOM_DB_TIMESCALE", "off");
        env.put("DUTYROOM_HTTP_PORT", "0");
        env.put("DUTYROOM_DATA_DIR", TestServices.tempDir("data").toString());
        env.put("DUTYROOM_ESTATE", estateFile().toString());
        // log-in off (allowed on loopback only), so that actions name their "user" in the body;
        // AuthIT turns it on
        env.put("DUTYROOM_AUTH_ENABLED", "false");
    }

    public HubFixture with(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    /** Starts the hub with log-in on and the demo's users (one per role, one-time passwords): {@link Hub#oneTimeCredentials()}. */
    public HubFixture startWithDemoUsers() {
        env.put("DUTYROOM_AUTH_ENABLED", "true");
        hub = Hub.start(HubConfig.load(Optional.empty(), env),
                new Hub.Bundled(Optional.empty(), Optional.empty(), Optional.empty(), true), Clock.systemUTC());
        return this;
    }

    public HubFixture start() {
        hub = Hub.start(HubConfig.load(Optional.empty(), env), Optional.empty(), Clock.systemUTC());
        return this;
    }

    public Hub hub() {
        return hub;
    }

    public String topic(String site, String device, String kind) {
        return topicRoot + "/" + site + "/" + device + "/" + kind;
    }

    public String publisherId() {
        return "pub-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public HttpResponse<String> get(String path) {
        return get(path, Duration.ofSeconds(10));
    }

    /** A GET that gives up after {@code timeout}, as a supervisor's health probe does. */
    public HttpResponse<String> get(String path, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(hub.httpUrl() + path)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, JsonObject body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(hub.httpUrl() + path)).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonObject json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    /** The value of one Prometheus sample line, e.g. {@code dutyroom_ingest_rejected_total{reason="malformed_json"}}; 0 if absent. */
    public double metric(String sample) {
        return get("/metrics").body().lines()
                .filter(l -> l.startsWith(sample + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0.0);
    }

    public long count(String sql) {
        TestServices.Db db = TestServices.db();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Stops the hub, keeping its schema (a restart test starts another on it). */
    public void stop() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    static Path estateFile() {
        try {
            return Path.of(HubFixture.class.getClassLoader().getResource("it-estate.yaml").toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.Quality;
import io.dutyroom.adapters.model.Reading;
import io.dutyroom.hub.config.DatabaseOptions;
import io.dutyroom.hub.config.StorageOptions;
import io.dutyroom.hub.storage.Database;
import io.dutyroom.hub.storage.StorageFlavour;
import io.dutyroom.hub.storage.TelemetryMaintenance;
import io.dutyroom.hub.storage.TelemetryQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TimescaleDB path against a real TimescaleDB engine: the migrations make a compressed
 * hypertable, the hub's policies are installed, and the same queries answer correctly. Test data
 * goes in by plain SQL (the WASM engine cannot COPY; the COPY writer is proven on PostgreSQL).
 */
class TimescaleStorageIT {
    private static final DeviceId PUMP = DeviceId.of("pump-1");
    private static TimescaleEngine engine;
    private static Database database;

    @BeforeAll
    static void start() throws Exception {
        engine = TimescaleEngine.start();
        database = Database.open(engine.url, engine.user, engine.password, new DatabaseOptions(engine.url, engine.user, engine.password,
                "public", engine.singleConnection ? 1 : 2, "127.0.0.1", 0, DatabaseOptions.Timescale.REQUIRED));
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theMigrationsMakeACompressedHypertableAndThePoliciesAreInstalled() throws Exception {
        assertThat(database.flavour()).isEqualTo(StorageFlavour.TIMESCALE);
        TelemetryMaintenance.of(database, new StorageOptions(1000, 100, Duration.ofDays(90), Duration.ofDays(2), 3), Duration.ofDays(7)).run(Instant.now());
        // running it again replaces the policies rather than failing or doubling them
        TelemetryMaintenance.of(database, new StorageOptions(1000, 100, Duration.ofDays(30), Duration.ofDays(2), 3), Duration.ofDays(7)).run(Instant.now());

        assertThat(strings("SELECT hypertable_name || ':' || compression_enabled FROM timescaledb_information.hypertables"))
                .containsExactly("telemetry:true");
        assertThat(strings("SELECT proc_name || ':' || coalesce(config->>'drop_after', config->>'compress_after') FROM timescaledb_information.jobs"
                + " WHERE hypertable_name = 'telemetry' ORDER BY proc_name"))
                .containsExactly("policy_compression:2 days", "policy_retention:30 days");
    }

    @Test
    void rawBucketedAndLatestQueriesAnswerOnTheHypertable() throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO telemetry (ts, device_id, point, value, quality) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 60; i++) {
                add(ps, base.plus(Duration.ofMinutes(i)), "outlet_pressure", i, Quality.GOOD);
            }
            add(ps, base, "pump1_fault", 1.0, Quality.UNCERTAIN);
            ps.executeBatch();
        }
        TelemetryQueries queries = new TelemetryQueries(database.dataSource());

        assertThat(queries.raw(PUMP, Optional.of("outlet_pressure"), base, base.plus(Duration.ofMinutes(3)), 10))
                .extracting(Reading::value).containsExactly(2.0, 1.0, 0.0);
        var buckets = queries.buckets(PUMP, Optional.of("outlet_pressure"), base, base.plus(Duration.ofHours(1)), Duration.ofMinutes(20));
        assertThat(buckets).extracting(b -> b.min() + "/" + b.avg() + "/" + b.max() + "/" + b.count())
                .containsExactly("0.0/9.5/19.0/20", "20.0/29.5/39.0/20", "40.0/49.5/59.0/20");
        assertThat(queries.latest(List.of(PUMP, PUMP), List.of("outlet_pressure", "pump1_fault"), base.minus(Duration.ofDays(1)))).containsExactlyInAnyOrder(
                new Reading(PUMP, "outlet_pressure", base.plus(Duration.ofMinutes(59)), 59.0, Quality.GOOD),
                new Reading(PUMP, "pump1_fault", base, 1.0, Quality.UNCERTAIN));
    }

    @Test
    void theReadingKeyHoldsOnTheHypertableAndARepeatIsSkipped() throws Exception {
        // the writer's careful path for repeats, as SQL: this engine takes no COPY (docs/development.md)
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO telemetry VALUES (date_trunc('hour', now()), 'pump-key', 'outlet_pressure', 0.4, 0)");
            assertThat(s.executeUpdate("INSERT INTO telemetry VALUES (date_trunc('hour', now()), 'pump-key', 'outlet_pressure', 0.4, 0), "
                    + "(date_trunc('hour', now()) + interval '1 second', 'pump-key', 'outlet_pressure', 0.5, 0) ON CONFLICT DO NOTHING")).isEqualTo(1);
            assertThatThrownBy(() -> s.execute("INSERT INTO telemetry VALUES (date_trunc('hour', now()), 'pump-key', 'outlet_pressure', 0.4, 0)"))
                    .hasMessageContaining("duplicate key");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM telemetry WHERE device_id = 'pump-key'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void theTimelineIsAppendOnlyHereToo() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO timeline_event (ts, kind, site_id, subject, severity) VALUES (now(), 'device.online', 's', 'pump-1', 'info')");
            assertThatThrownBy(() -> s.execute("UPDATE timeline_event SET severity = 'critical'")).hasMessageContaining("append-only");
        }
    }

    private static void add(PreparedStatement ps, Instant ts, String point, double value, Quality quality) throws Exception {
        ps.setObject(1, ts.atOffset(ZoneOffset.UTC));
        ps.setString(2, PUMP.value());
        ps.setString(3, point);
        ps.setDouble(4, value);
        ps.setShort(5, (short) quality.code());
        ps.addBatch();
    }

    private static List<String> strings(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}

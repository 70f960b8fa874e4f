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
import io.dutyroom.hub.storage.TelemetryWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain-PostgreSQL telemetry path: migrations, daily partitions, retention, COPY and the queries. */
class PostgresStorageIT {
    private static final DeviceId PUMP = DeviceId.of("pump-1");
    private Database database;

    @BeforeEach
    void open() {
        TestServices.Db db = TestServices.db();
        database = Database.open(db.url(), db.user(), db.password(),
                new DatabaseOptions(db.url(), db.user(), db.password(), TestServices.newSchema(), 2, "127.0.0.1", 0, DatabaseOptions.Timescale.OFF));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void dailyPartitionsCoverTheAcceptedWindowAndOldOnesAreDropped() throws Exception {
        assertThat(database.flavour()).isEqualTo(StorageFlavour.POSTGRES);
        StorageOptions storage = new StorageOptions(1000, 100, Duration.ofDays(30), Duration.ofDays(7), 3);
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        TelemetryMaintenance.of(database, storage, Duration.ofDays(2)).run(now.minus(Duration.ofDays(40)));
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            // a row for a day that never got a partition, long expired, and one that is not
            s.execute("INSERT INTO telemetry VALUES ('2026-01-05 12:00:00+00', 'd', 'p', 1, 0), ('2027-06-01 12:00:00+00', 'd', 'p', 2, 0)");
        }
        TelemetryMaintenance.of(database, storage, Duration.ofDays(2)).run(now);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM telemetry_default")) {
            rs.next();
            assertThat(rs.getDouble(1)).isEqualTo(2.0);
            assertThat(rs.next()).isFalse();
        }

        assertThat(partitions()).containsExactly(
                "telemetry_default", "telemetry_p20261121", "telemetry_p20261122", "telemetry_p20261123",
                "telemetry_p20261124", "telemetry_p20261125", "telemetry_p20261126");
    }

    @Test
    void aReadingWrittenAgainIsStoredOnceAndTheWriterSaysWhichReadingsWereNew() throws Exception {
        TelemetryMaintenance.of(database, new StorageOptions(1000, 100, Duration.ofDays(365), Duration.ofDays(7), 3), Duration.ofDays(7)).run(Instant.now());
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Reading first = new Reading(PUMP, "outlet_pressure", t, 0.41, Quality.GOOD);
        // a timestamp finer than PostgreSQL keeps: the key is the stored microsecond
        Reading fine = new Reading(PUMP, "outlet_pressure", t.plusNanos(1_000_400), 0.42, Quality.GOOD);
        Reading later = new Reading(PUMP, "outlet_pressure", t.plusSeconds(1), 0.43, Quality.GOOD);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TelemetryWriter writer = new TelemetryWriter(database.dataSource(), 1000, 25, meters)) {
            assertThat(writer.offer(List.of(first, fine)).get(20, TimeUnit.SECONDS)).containsExactly(first, fine);

            // the broker delivers both again, in one batch with a new reading and a copy of it
            var again = writer.offer(List.of(first, fine));
            var mixed = writer.offer(List.of(later, later));

            assertThat(again.get(20, TimeUnit.SECONDS)).isEmpty();
            assertThat(mixed.get(20, TimeUnit.SECONDS)).containsExactly(later);
        }
        assertThat(rows("SELECT count(*) FROM telemetry")).isEqualTo(3);
        assertThat(meters.counter("dutyroom.telemetry.readings.repeated").count()).isEqualTo(3.0);
        assertThat(meters.counter("dutyroom.telemetry.readings.written").count()).isEqualTo(3.0);
    }

    @Test
    void theMigrationToTheReadingKeyKeepsOneOfEachReadingStoredTwiceBefore() throws Exception {
        TestServices.Db db = TestServices.db();
        String schema = TestServices.newSchema();
        org.flywaydb.core.Flyway.configure().dataSource(db.url(), db.user(), db.password()).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgres").target("9").load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            s.execute("INSERT INTO telemetry VALUES ('2026-11-23 10:00:00+00', 'd', 'p', 1, 0), ('2026-11-23 10:00:00+00', 'd', 'p', 1, 0), "
                    + "('2026-11-23 10:00:00+00', 'd', 'p', 1, 0), ('2026-11-23 10:00:01+00', 'd', 'p', 2, 0), ('2026-11-23 10:00:00+00', 'd', 'q', 3, 0)");
        }
        try (Database migrated = Database.open(db.url(), db.user(), db.password(),
                new DatabaseOptions(db.url(), db.user(), db.password(), schema, 2, "127.0.0.1", 0, DatabaseOptions.Timescale.OFF));
             Connection c = migrated.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM telemetry")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
            assertThatThrownBy(() -> s.execute("INSERT INTO telemetry VALUES ('2026-11-23 10:00:00+00', 'd', 'p', 9, 0)"))
                    .hasMessageContaining("duplicate key");
        }
    }

    @Test
    void copiedReadingsComeBackRawBucketedAndAsLatest() throws Exception {
        TelemetryMaintenance.of(database, new StorageOptions(1000, 100, Duration.ofDays(365), Duration.ofDays(7), 3), Duration.ofDays(7)).run(Instant.now());
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            readings.add(new Reading(PUMP, "outlet_pressure", base.plus(Duration.ofMinutes(i)), i, Quality.GOOD));
        }
        readings.add(new Reading(PUMP, "pump1_running", base, 1.0, Quality.UNCERTAIN));
        try (TelemetryWriter writer = new TelemetryWriter(database.dataSource(), 1000, 25, new SimpleMeterRegistry())) {
            writer.offer(readings).get(20, TimeUnit.SECONDS);
        }
        TelemetryQueries queries = new TelemetryQueries(database.dataSource());

        List<Reading> raw = queries.raw(PUMP, Optional.of("outlet_pressure"), base, base.plus(Duration.ofMinutes(10)), 5);
        assertThat(raw).extracting(Reading::value).containsExactly(9.0, 8.0, 7.0, 6.0, 5.0);

        var buckets = queries.buckets(PUMP, Optional.of("outlet_pressure"), base, base.plus(Duration.ofHours(1)), Duration.ofMinutes(30));
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(0).start()).isEqualTo(base);
        assertThat(buckets.get(0).min()).isEqualTo(0.0);
        assertThat(buckets.get(0).max()).isEqualTo(29.0);
        assertThat(buckets.get(0).avg()).isEqualTo(14.5);
        assertThat(buckets.get(1).count()).isEqualTo(30);

        assertThat(queries.latest(List.of(PUMP, PUMP, PUMP), List.of("outlet_pressure", "pump1_running", "never_sent"), base.minus(Duration.ofDays(1))))
                .containsExactlyInAnyOrder(
                        new Reading(PUMP, "outlet_pressure", base.plus(Duration.ofMinutes(59)), 59.0, Quality.GOOD),
                        new Reading(PUMP, "pump1_running", base, 1.0, Quality.UNCERTAIN));
    }

    @Test
    void theTimelineIsAppendOnlyInTheDatabaseItself() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO timeline_event (ts, kind, severity) VALUES (now(), 'device.online', 'info')");
            assertThatThrownBy(() -> s.execute("DELETE FROM timeline_event"))
                    .hasMessageContaining("timeline_event is append-only");
            assertThatThrownBy(() -> s.execute("UPDATE timeline_event SET kind = 'x'"))
                    .hasMessageContaining("append-only");
        }
    }

    private List<String> partitions() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                     + " WHERE i.inhparent = 'telemetry'::regclass ORDER BY c.relname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private long rows(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

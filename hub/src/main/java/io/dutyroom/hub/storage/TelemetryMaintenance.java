package io.dutyroom.hub.storage;

import io.dutyroom.hub.config.StorageOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/** Keeps the telemetry table's life cycle: partitions or chunks ahead, compression, retention. */
public interface TelemetryMaintenance {

    /** Brings the table up to date for {@code now}; safe to run any number of times. Blocking. */
    void run(Instant now) throws SQLException;

    static TelemetryMaintenance of(Database database, StorageOptions storage, Duration maxAge) {
        DataSource ds = database.dataSource();
        return switch (database.flavour()) {
            case TIMESCALE -> new TimescalePolicies(ds, storage.retention(), storage.compressAfter());
            case POSTGRES -> new PostgresPartitions(ds, storage.retention(), maxAge, storage.partitionsAhead());
        };
    }
}

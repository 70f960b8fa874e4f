package io.dutyroom.hub.storage;

/** Which engine features the telemetry table uses; decided once, at the first migration. */
public enum StorageFlavour {
    /** A TimescaleDB hypertable with compression and retention policies. */
    TIMESCALE("classpath:db/migration/timescale"),
    /** A natively partitioned PostgreSQL table, partitions managed by the hub. */
    POSTGRES("classpath:db/migration/postgres");

    private final String migrations;

    StorageFlavour(String migrations) {
        this.migrations = migrations;
    }

    String migrations() {
        return migrations;
    }
}

package io.dutyroom.hub.config;

import java.time.Duration;

/**
 * The telemetry writer and the table's life cycle.
 *
 * @param queueCapacity   readings the writer holds before ingest must wait (back-pressure)
 * @param batchSize       most readings in one COPY
 * @param retention       how long telemetry is kept
 * @param compressAfter   age after which TimescaleDB compresses chunks
 * @param partitionsAhead daily partitions created in advance on plain PostgreSQL
 */
public record StorageOptions(int queueCapacity, int batchSize, Duration retention, Duration compressAfter, int partitionsAhead) {

    static StorageOptions from(ConfigSource source) {
        return new StorageOptions(
                source.integer("storage.queueCapacity", 100_000, 1, 10_000_000),
                source.integer("storage.batchSize", 5_000, 1, 1_000_000),
                source.duration("storage.retention", Duration.ofDays(365), Duration.ofDays(1)),
                source.duration("storage.compressAfter", Duration.ofDays(7), Duration.ofHours(1)),
                source.integer("storage.partitionsAhead", 3, 1, 60));
    }
}

package io.dutyroom.hub.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** The telemetry writer's meters. Names are part of the operator's dashboards: do not rename. */
final class WriterMetrics {
    static final String WRITTEN = "dutyroom.telemetry.readings.written";
    static final String BATCH = "dutyroom.telemetry.write.batch";
    static final String QUEUED = "dutyroom.telemetry.writer.queued.readings";
    static final String LAG = "dutyroom.telemetry.writer.lag.seconds";
    static final String RETRIES = "dutyroom.telemetry.writer.retries";
    static final String FAILED = "dutyroom.telemetry.writer.failed.readings";
    static final String REPEATED = "dutyroom.telemetry.readings.repeated";

    final Counter written;
    final Timer batch;
    final Counter retries;
    final Counter failed;
    final Counter repeated;

    WriterMetrics(MeterRegistry registry, Supplier<Number> queued, Supplier<Number> lagSeconds) {
        written = Counter.builder(WRITTEN).description("Readings committed to the telemetry table").register(registry);
        batch = Timer.builder(BATCH).description("Time to COPY and commit one batch").publishPercentiles(0.5, 0.99).register(registry);
        retries = Counter.builder(RETRIES).description("Batch writes retried after a database error").register(registry);
        failed = Counter.builder(FAILED).description("Readings refused by the database (data errors), left unacknowledged").register(registry);
        repeated = Counter.builder(REPEATED).description("Readings delivered again that were stored already, and skipped").register(registry);
        Gauge.builder(QUEUED, queued).description("Readings waiting for the writer").register(registry);
        Gauge.builder(LAG, lagSeconds).description("Age of the oldest reading waiting for the writer").register(registry);
    }
}

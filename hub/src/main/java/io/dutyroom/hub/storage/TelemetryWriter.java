package io.dutyroom.hub.storage;

import io.dutyroom.adapters.model.Reading;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes telemetry with PostgreSQL COPY in batches, on its own thread, never on an event loop.
 *
 * <p>The queue is bounded in readings: {@link #offer} refuses a batch that does not fit, and ingest
 * holds it until {@link #onSpace} says there is room. A batch's future completes only after the
 * transaction that holds it has committed, in submission order. When the database is unreachable
 * the writer keeps the batch and retries with capped back-off: nothing queued is dropped, and the
 * queue filling up is the back-pressure that stops MQTT acknowledgements.
 */
public final class TelemetryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryWriter.class);
    private static final String COPY = "COPY telemetry (ts, device_id, point, value, quality) FROM STDIN";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final int capacity;
    private final int batchSize;
    private final BlockingQueue<Pending> queue;
    private final AtomicInteger queued = new AtomicInteger();
    private final WriterMetrics metrics;
    private final Thread thread;
    private final CopyBuffer buffer = new CopyBuffer();
    private volatile boolean running = true;
    private volatile Runnable spaceListener = () -> { };

    public TelemetryWriter(DataSource dataSource, int capacity, int batchSize, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.metrics = new WriterMetrics(registry, queued::get, this::lagSeconds);
        this.thread = new Thread(this::run, "dutyroom-telemetry-writer");
        thread.setDaemon(false);
        thread.start();
    }

    /**
     * Queues readings for writing. Returns the future of their commit, or {@code null} when the queue
     * has no room now. A batch larger than the whole queue is taken when the queue is empty, so no
     * batch is refused forever.
     */
    public CompletableFuture<Void> offer(List<Reading> readings) {
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("telemetry writer is stopped"));
        }
        int n = readings.size();
        int now;
        do {
            now = queued.get();
            if (now > 0 && now + n > capacity) {
                return null;
            }
        } while (!queued.compareAndSet(now, now + n));
        Pending pending = new Pending(readings, System.nanoTime(), new CompletableFuture<>());
        if (!queue.offer(pending)) {
            queued.addAndGet(-n);
            return null;
        }
        return pending.done;
    }

    /** Called on the writer's thread each time a batch has left the queue. */
    public void onSpace(Runnable listener) {
        this.spaceListener = listener;
    }

    public int queuedReadings() {
        return queued.get();
    }

    /** Seconds the oldest queued reading has waited; 0 when the queue is empty. */
    public double lagSeconds() {
        Pending head = queue.peek();
        return head == null ? 0.0 : (System.nanoTime() - head.queuedAt) / 1e9;
    }

    /**
     * Stops taking readings and writes what is queued, waiting up to {@code grace}. What cannot be
     * written in time fails, is never acknowledged, and the broker delivers it again.
     */
    public void close(Duration grace) {
        running = false;
        try {
            thread.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done.completeExceptionally(new IllegalStateException("hub stopped before the readings were written"));
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int readings = first.readings.size();
                Pending next;
                while (readings < batchSize && (next = queue.peek()) != null && readings + next.readings.size() <= batchSize) {
                    batch.add(queue.poll());
                    readings += next.readings.size();
                }
                boolean written = writeWithRetry(batch, readings);
                queued.addAndGet(-readings);
                for (Pending p : batch) {
                    if (written) {
                        p.done.complete(null);
                    } else {
                        p.done.completeExceptionally(new IllegalStateException("readings were not written"));
                    }
                }
                batch.clear();
                spaceListener.run();
            } catch (InterruptedException e) {
                for (Pending p : batch) {
                    p.done.completeExceptionally(e);
                }
                return;
            } catch (RuntimeException e) {
                LOG.error("telemetry writer: unexpected failure; the batch stays unacknowledged", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
                batch.clear();
            }
        }
    }

    /** Writes one batch, retrying connection failures until it is written or the hub stops. */
    private boolean writeWithRetry(List<Pending> batch, int readings) throws InterruptedException {
        long backoffMs = 100;
        long failingSince = 0;
        while (true) {
            Timer.Sample sample = Timer.start();
            try {
                copy(batch);
                sample.stop(metrics.batch);
                metrics.written.increment(readings);
                if (failingSince != 0) {
                    LOG.info("telemetry writer: database is back after {} s; writing again", (System.nanoTime() - failingSince) / 1_000_000_000);
                }
                return true;
            } catch (SQLException | IOException e) {
                if (isDataError(e)) {
                    metrics.failed.increment(readings);
                    LOG.error("telemetry writer: the database refused a batch of {} readings: {}", readings, e.getMessage());
                    return false;
                }
                if (failingSince == 0) {
                    failingSince = System.nanoTime();
                    LOG.warn("telemetry writer: database write failed ({}); holding {} readings and retrying", e.getMessage(), queued.get());
                }
                if (!running) {
                    return false;
                }
                metrics.retries.increment();
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private void copy(List<Pending> batch) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
                try {
                    for (Pending p : batch) {
                        for (Reading r : p.readings) {
                            buffer.append(r);
                            if (buffer.size() >= CopyBuffer.FLUSH_AT) {
                                buffer.drainTo(copy);
                            }
                        }
                    }
                    buffer.drainTo(copy);
                    copy.endCopy();
                } finally {
                    buffer.reset();
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is probably gone; the pool discards it
                }
                throw e;
            }
        }
    }

    /** SQLState classes 22 (data exception) and 23 (integrity): retrying the same rows cannot help. */
    private static boolean isDataError(Exception e) {
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
        }
        return false;
    }

    private record Pending(List<Reading> readings, long queuedAt, CompletableFuture<Void> done) {
    }

    /** Reused text-format COPY buffer; identifiers are validated upstream and need no escaping. */
    private static final class CopyBuffer {
        static final int FLUSH_AT = 256 * 1024;
        private final StringBuilder text = new StringBuilder(FLUSH_AT + 1024);

        void append(Reading r) {
            text.append(r.ts()).append('\t')
                    .append(r.device().value()).append('\t')
                    .append(r.point()).append('\t')
                    .append(r.value()).append('\t')
                    .append(r.quality().code()).append('\n');
        }

        int size() {
            return text.length();
        }

        void drainTo(CopyIn copy) throws SQLException {
            if (text.length() > 0) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                text.setLength(0);
            }
        }

        void reset() {
            text.setLength(0);
        }
    }
}

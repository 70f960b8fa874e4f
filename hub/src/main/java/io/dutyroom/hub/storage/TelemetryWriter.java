package io.dutyroom.hub.storage;

import io.dutyroom.adapters.model.Reading;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes telemetry with PostgreSQL COPY in batches, on its own thread, never on an event loop. Each
 * reading is stored once however often it is delivered ({@link TelemetryCopy}).
 *
 * <p>The queue is bounded in readings: {@link #offer} refuses a batch that does not fit, and ingest
 * holds it until {@link #onSpace} says there is room. A batch's future completes only after the
 * transaction that holds it has committed, in submission order. When the database is unreachable
 * the writer keeps the batch and retries with capped back-off: nothing queued is dropped, and the
 * queue filling up is the back-pressure that stops MQTT acknowledgements.
 */
public final class TelemetryWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final int capacity;
    private final int batchSize;
    private final BlockingQueue<Pending> queue;
    private final AtomicInteger queued = new AtomicInteger();
    private final WriterMetrics metrics;
    private final Thread thread;
    private final TelemetryCopy copy = new TelemetryCopy();
    private volatile boolean running = true;
    private volatile Runnable spaceListener = () -> { };
    private String lastRefusal = ""; // writer thread only
    private StoredReadings lastStored = StoredReadings.ALL; // writer thread only

    private enum Outcome { WRITTEN, REFUSED, STOPPED }

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
     * batch is refused forever. The future gives the readings that were new: those delivered again
     * and stored before are left out.
     */
    public CompletableFuture<List<Reading>> offer(List<Reading> readings) {
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
            int readings = 0;
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                readings = first.readings.size();
                Pending next;
                while (readings < batchSize && (next = queue.peek()) != null && readings + next.readings.size() <= batchSize) {
                    batch.add(queue.poll());
                    readings += next.readings.size();
                }
                write(batch, readings);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.done.completeExceptionally(e));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A fault of one batch: the thread goes on, the batch stays unacknowledged. An Error
                // (out of memory, say) is not caught: it ends this thread, and a dead writer ends the
                // process (CrashOnly), since a hub that cannot store must not look alive.
                LOG.error("telemetry writer: unexpected failure; the batch stays unacknowledged", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
            } finally {
                if (readings > 0) {
                    queued.addAndGet(-readings);
                    spaceListener.run();
                }
                batch.clear();
            }
        }
    }

    /**
     * Writes a batch and completes its futures. When the database refuses the batch for its content,
     * each message is written alone, so only the offending one fails, with {@link StorageRefusedException}.
     */
    private void write(List<Pending> batch, int readings) throws InterruptedException {
        switch (writeWithRetry(batch, readings)) {
            case WRITTEN -> batch.forEach(p -> p.done.complete(lastStored.claim(p.readings)));
            case STOPPED -> batch.forEach(p -> p.done.completeExceptionally(new IllegalStateException("hub stopped before the readings were written")));
            case REFUSED -> {
                if (batch.size() == 1) {
                    metrics.failed.increment(readings);
                    batch.get(0).done.completeExceptionally(new StorageRefusedException(lastRefusal));
                } else {
                    for (Pending p : batch) {
                        write(List.of(p), p.readings.size());
                    }
                }
            }
        }
    }

    /** Writes one batch, retrying transient failures (connection, resources, conflicts) until written or stopped. */
    private Outcome writeWithRetry(List<Pending> batch, int readings) throws InterruptedException {
        long backoffMs = 100;
        long failingSince = 0;
        while (true) {
            Timer.Sample sample = Timer.start();
            try {
                lastStored = copy(batch);
                long added = lastStored.count(readings);
                sample.stop(metrics.batch);
                metrics.written.increment(added);
                metrics.repeated.increment(readings - added);
                if (failingSince != 0) {
                    LOG.info("telemetry writer: database is back after {} s; writing again", (System.nanoTime() - failingSince) / 1_000_000_000);
                }
                return Outcome.WRITTEN;
            } catch (SQLException e) {
                if (!SqlErrors.isTransient(e)) {
                    lastRefusal = e.getMessage();
                    LOG.error("telemetry writer: the database refused {} readings: {}", readings, e.getMessage());
                    return Outcome.REFUSED;
                }
                if (failingSince == 0) {
                    failingSince = System.nanoTime();
                    LOG.warn("telemetry writer: database write failed ({}); holding {} readings and retrying", e.getMessage(), queued.get());
                }
                if (!running) {
                    return Outcome.STOPPED;
                }
                metrics.retries.increment();
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private StoredReadings copy(List<Pending> batch) throws SQLException {
        List<List<Reading>> lists = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            lists.add(p.readings);
        }
        try (Connection c = dataSource.getConnection()) {
            return copy.write(c, lists);
        }
    }

    private record Pending(List<Reading> readings, long queuedAt, CompletableFuture<List<Reading>> done) {
    }
}

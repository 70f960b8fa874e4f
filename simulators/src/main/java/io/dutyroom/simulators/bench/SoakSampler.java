package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples the hub every few seconds through the whole soak, crash and restart included, into
 * {@code samples.csv} as it goes (a soak that is stopped or dies halfway still leaves its curve), and
 * keeps the samples for the results. A sample is taken when the last is done, never two at once, so
 * a slow answer stretches the interval instead of piling up.
 */
final class SoakSampler implements AutoCloseable {
    private final SoakHub hub;
    private final HubMetrics metrics;
    private final long brokerPid;
    private final SoakStored stored;
    private final LongSupplier acknowledged;
    private final long intervalNanos;
    private final long start;
    private final PrintWriter csv;
    private final Thread thread;
    private final List<SoakSample> samples = new ArrayList<>();
    private volatile String phase = "start";
    private volatile boolean closed;

    private SoakSampler(SoakHub hub, long brokerPid, SoakStored stored, LongSupplier acknowledged, double intervalSeconds, long start, Path file)
            throws IOException {
        this.hub = hub;
        this.metrics = new HubMetrics(hub.port());
        this.brokerPid = brokerPid;
        this.stored = stored;
        this.acknowledged = acknowledged;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.start = start;
        this.csv = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        this.thread = new Thread(this::loop, "soak-sampler");
        thread.setDaemon(true);
    }

    /**
     * Starts sampling into {@code file}, times counted from {@code start} (System.nanoTime).
     *
     * @param brokerPid    the private broker's process; 0 for the embedded one
     * @param stored       the readings stored so far
     * @param acknowledged readings the broker has acknowledged so far
     */
    static SoakSampler start(SoakHub hub, long brokerPid, SoakStored stored, LongSupplier acknowledged, double intervalSeconds, long start, Path file)
            throws IOException {
        SoakSampler sampler = new SoakSampler(hub, brokerPid, stored, acknowledged, intervalSeconds, start, file);
        sampler.csv.println(SoakSample.CSV_HEADER);
        sampler.record(sampler.sample()); // the baseline, in phase "start", before any load
        sampler.thread.start();
        return sampler;
    }

    /** The phase the following samples belong to. */
    void phase(String name) {
        phase = name;
    }

    /** Seconds since the soak started. */
    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The samples so far, in order. */
    List<SoakSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private void loop() {
        long next = System.nanoTime();
        while (!closed) {
            next += intervalNanos;
            long now = System.nanoTime();
            if (next < now) {
                next = now; // a slow count: the next sample now, not a burst of them to catch up
            }
            try {
                TimeUnit.NANOSECONDS.sleep(next - now);
            } catch (InterruptedException e) {
                return;
            }
            SoakSample s = sample();
            if (closed) {
                return; // perhaps cut short by the interrupt; close() takes the last one
            }
            record(s);
        }
    }

    private void record(SoakSample s) {
        synchronized (samples) {
            samples.add(s);
        }
        csv.println(s.csv());
    }

    private SoakSample sample() {
        String current = phase;
        long pid = hub.pid();
        return new SoakSample(elapsed(), current, pid, metrics.sample(), ProcessStats.residentMiB(pid),
                brokerPid > 0 ? ProcessStats.residentMiB(brokerPid) : 0, stored.now(), acknowledged.getAsLong());
    }

    /** Takes one last sample, so the end of the soak is on the curve, and stops. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record(sample());
        csv.close();
    }
}

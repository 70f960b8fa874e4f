package io.dutyroom.simulators.bench;

import io.dutyroom.simulators.load.LoadPlan;
import io.dutyroom.simulators.load.LoadResult;
import io.dutyroom.simulators.load.LoadRun;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The soak's load: the load generator's plan at one rate for as long as a phase lasts, in the
 * background. A {@link LoadRun} publishes for at most 10 minutes, so a longer phase is a chain of
 * runs. Before each run the load pauses a second after the last one ended: each run numbers its
 * devices' timestamps afresh from the clock, a fast run may have put a device's last timestamps a
 * little ahead of it, and a reading is keyed by device, point and timestamp, so without the pause a
 * run's first message could repeat the last one's reading instead of adding one.
 */
final class SoakLoad {
    private static final long PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int LONGEST_RUN_SECONDS = 600;

    private final LoadPlan plan;
    /** When the last run ended (System.nanoTime), for the pause; phases run one at a time. */
    private long lastEnd;
    private boolean anyRun;

    SoakLoad(LoadPlan plan) {
        this.plan = plan;
    }

    int valuesPerMessage() {
        return plan.valuesPerMessage();
    }

    /** Messages a second that carry about this many readings a second. */
    int messagesPerSecond(int readingsPerSecond) {
        return Math.max(1, Math.round((float) readingsPerSecond / plan.valuesPerMessage()));
    }

    /** Starts publishing at this rate, for at most {@code longest}, until stopped. */
    Phase start(int readingsPerSecond, Duration longest) {
        Phase phase = new Phase(messagesPerSecond(readingsPerSecond), System.nanoTime() + longest.toNanos());
        phase.thread.start();
        return phase;
    }

    /**
     * What a phase's load did: readings offered to the publisher and acknowledged by the broker,
     * messages that failed, and the error that ended it early, if one did.
     */
    record Totals(int messagesPerSecond, long offeredReadings, long acknowledgedReadings, long failedMessages, double publishingSeconds, String error) {
    }

    /** One phase's load, running in its own thread. */
    final class Phase {
        private final int messagesPerSecond;
        private final long deadline;
        private final Thread thread;
        private volatile boolean stopped;
        private volatile Exception error;
        // guarded by this: the run going on, and what the finished ones did
        private LoadRun current;
        private long offered;
        private long acknowledged;
        private long failed;
        private double seconds;

        private Phase(int messagesPerSecond, long deadline) {
            this.messagesPerSecond = messagesPerSecond;
            this.deadline = deadline;
            this.thread = new Thread(this::publish, "soak-load");
            thread.setDaemon(true);
        }

        private void publish() {
            try {
                while (!stopped && System.nanoTime() < deadline) {
                    long pause = anyRun ? lastEnd + PAUSE_NANOS - System.nanoTime() : 0;
                    if (pause > 0) {
                        TimeUnit.NANOSECONDS.sleep(pause);
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    LoadRun run = new LoadRun(plan.at(messagesPerSecond, (int) Math.min(LONGEST_RUN_SECONDS, Math.max(1, Math.ceil(remaining / 1e9)))));
                    synchronized (this) {
                        if (stopped) {
                            break;
                        }
                        current = run;
                    }
                    LoadResult result;
                    try {
                        result = run.run();
                    } finally {
                        lastEnd = System.nanoTime();
                        anyRun = true;
                    }
                    synchronized (this) {
                        current = null;
                        offered += result.offered();
                        acknowledged += result.acknowledged();
                        failed += result.failed();
                        seconds += result.seconds();
                    }
                }
            } catch (Exception e) {
                error = e;
            } finally {
                synchronized (this) {
                    if (current != null) {
                        acknowledged += current.acknowledged(); // a run that failed: what the broker took still counts
                        current = null;
                    }
                }
            }
        }

        /** Ends the load: the run going on stops at its next 10 ms tick and waits for its acknowledgements. */
        void stop() {
            synchronized (this) {
                stopped = true;
                if (current != null) {
                    current.stop();
                }
            }
        }

        boolean running() {
            return thread.isAlive();
        }

        /** Waits until the phase's time is up, then stops it. */
        Totals awaitEnd() throws InterruptedException {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
            return stopAndAwait();
        }

        Totals stopAndAwait() throws InterruptedException {
            stop();
            thread.join();
            synchronized (this) {
                int values = plan.valuesPerMessage();
                return new Totals(messagesPerSecond, offered * values, acknowledged * values, failed, seconds,
                        error == null ? null : error.getClass().getSimpleName() + ": " + error.getMessage());
            }
        }

        /** Readings in messages the broker has acknowledged so far, the run going on included. */
        synchronized long acknowledgedSoFar() {
            return (acknowledged + (current == null ? 0 : current.acknowledged())) * plan.valuesPerMessage();
        }
    }
}

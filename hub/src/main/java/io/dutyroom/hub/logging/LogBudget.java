package io.dutyroom.hub.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most one log line per interval for one kind of event that strangers can cause (a malformed
 * payload, an oversized request): the events are counted in metrics, and the log says that they
 * happen, with an example, without letting anyone fill the disk. The line that is let through says
 * how many were held back since the last one.
 */
public final class LogBudget {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong last;
    private final AtomicLong heldBack = new AtomicLong();

    public LogBudget(Duration interval) {
        this(interval, System::nanoTime);
    }

    LogBudget(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.last = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
    }

    /**
     * Whether this event may be logged: -1 if not (it is counted as held back), otherwise how many
     * were held back before it, to be mentioned in the line.
     */
    public long take() {
        long now = nanoTime.getAsLong();
        long before = last.get();
        if (now - before >= intervalNanos && last.compareAndSet(before, now)) {
            return heldBack.getAndSet(0);
        }
        heldBack.incrementAndGet();
        return -1;
    }

    /** The words to end a let-through line with: empty, or how many like it were not logged. */
    public static String heldBackNote(long heldBack) {
        return heldBack > 0 ? " (and " + heldBack + " more like it since the last such line)" : "";
    }
}

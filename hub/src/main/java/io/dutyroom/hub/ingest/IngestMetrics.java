package io.dutyroom.hub.ingest;

import io.dutyroom.adapters.model.RejectReason;
import io.dutyroom.adapters.model.Rejection;
import io.dutyroom.hub.logging.LogBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's meters, and the rate-limited log of rejections: one line per reason per interval with
 * the count suppressed since, so a misbehaving device cannot flood the log.
 */
public final class IngestMetrics {
    public static final String RECEIVED = "dutyroom.ingest.messages.received";
    public static final String REJECTED = "dutyroom.ingest.rejected";
    public static final String ACCEPTED = "dutyroom.ingest.readings.accepted";
    public static final String BACKLOG_WAITS = "dutyroom.ingest.backlog.waits";
    public static final String BACKLOG = "dutyroom.ingest.backlog.batches";
    private static final Logger LOG = LoggerFactory.getLogger(IngestMetrics.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Counter accepted;
    private final Counter backlogWaits;
    private final AtomicInteger backlog = new AtomicInteger();
    private final Map<RejectReason, LogBudget> logBudget = new EnumMap<>(RejectReason.class);

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder(REJECTED).tag("reason", reason.tag())
                    .description("Input refused, by reason").register(registry));
            logBudget.put(reason, new LogBudget(LOG_INTERVAL));
        }
        accepted = Counter.builder(ACCEPTED).description("Readings accepted for storage").register(registry);
        backlogWaits = Counter.builder(BACKLOG_WAITS).description("Batches that waited because the writer queue was full (back-pressure)").register(registry);
        Gauge.builder(BACKLOG, backlog::get).description("Batches waiting for room in the writer queue").register(registry);
    }

    /** A batch had to wait for room in the writer queue; {@code size} batches now wait. */
    void backlogWait(int size) {
        backlogWaits.increment();
        backlog.set(size);
    }

    void backlogSize(int size) {
        backlog.set(size);
    }

    public void received(String kind) {
        received.computeIfAbsent(kind, k -> Counter.builder(RECEIVED).tag("kind", k)
                .description("Inbound items by kind").register(registry)).increment();
    }

    public void accepted(int readings) {
        accepted.increment(readings);
    }

    public void rejected(Rejection rejection) {
        rejected.get(rejection.reason()).increment();
        long heldBack = logBudget.get(rejection.reason()).take();
        if (heldBack >= 0) {
            LOG.warn("rejected [{}] {}: {}{}", rejection.origin(), rejection.reason().tag(), rejection.detail(), LogBudget.heldBackNote(heldBack));
        }
    }
}

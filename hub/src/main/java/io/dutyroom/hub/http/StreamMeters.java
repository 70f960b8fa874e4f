package io.dutyroom.hub.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one kind of live stream, named from its prefix: {@code <prefix>.clients} connected
 * now, {@code <prefix>.clients.dropped} for falling behind, and {@code <prefix>.clients.session.ended}
 * closed by the hub because their session had ended.
 */
final class StreamMeters {
    private final AtomicInteger clients = new AtomicInteger();
    private final Counter dropped;
    private final Counter sessionEnded;

    /** @param what the streams in words, for the meters' descriptions: "Live-feed" */
    StreamMeters(MeterRegistry registry, String prefix, String what) {
        Gauge.builder(prefix + ".clients", clients::get).description(what + " clients connected").register(registry);
        dropped = Counter.builder(prefix + ".clients.dropped").description(what + " clients disconnected for falling behind").register(registry);
        sessionEnded = Counter.builder(prefix + ".clients.session.ended").description(what + " clients disconnected because their session had ended")
                .register(registry);
    }

    void connected() {
        clients.incrementAndGet();
    }

    void disconnected() {
        clients.decrementAndGet();
    }

    void dropped() {
        dropped.increment();
    }

    void sessionEnded() {
        sessionEnded.increment();
    }
}

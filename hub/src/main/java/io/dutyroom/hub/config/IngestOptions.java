package io.dutyroom.hub.config;

import io.dutyroom.adapters.mqtt.PayloadLimits;
import java.time.Duration;

/**
 * What the hub accepts and how it judges devices.
 *
 * @param offlineAfter a registered device silent this long is marked offline
 */
public record IngestOptions(PayloadLimits limits, Duration offlineAfter) {

    static IngestOptions from(ConfigSource source) {
        PayloadLimits defaults = PayloadLimits.DEFAULTS;
        return new IngestOptions(
                new PayloadLimits(
                        source.integer("ingest.maxPayloadBytes", defaults.maxPayloadBytes(), 64, 16 * 1024 * 1024),
                        source.integer("ingest.maxValuesPerMessage", defaults.maxValuesPerMessage(), 1, 100_000),
                        source.duration("ingest.maxAge", defaults.maxAge(), Duration.ofMinutes(1)),
                        source.duration("ingest.maxFutureSkew", defaults.maxFutureSkew(), Duration.ZERO)),
                source.duration("ingest.offlineAfter", Duration.ofMinutes(10), Duration.ofSeconds(1)));
    }
}

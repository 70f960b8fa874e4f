package io.dutyroom.adapters.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * What a payload may be: its size, how many values it may carry, and how far its timestamp may lie
 * from the hub's clock. Timestamps outside the window are rejected, not clamped: a device with a wrong
 * clock must be noticed, not silently re-dated.
 *
 * @param maxPayloadBytes   payloads larger than this are refused unread
 * @param maxValuesPerMessage values beyond this in one message make the message too large
 * @param maxAge            how old a timestamp may be (devices that buffered while offline)
 * @param maxFutureSkew     how far ahead of the hub's clock a timestamp may be
 */
public record PayloadLimits(int maxPayloadBytes, int maxValuesPerMessage, Duration maxAge, Duration maxFutureSkew) {

    public static final PayloadLimits DEFAULTS = new PayloadLimits(64 * 1024, 1_000, Duration.ofDays(7), Duration.ofMinutes(5));

    public PayloadLimits {
        if (maxPayloadBytes <= 0 || maxValuesPerMessage <= 0) {
            throw new IllegalArgumentException("payload limits must be positive");
        }
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    }
}

package io.dutyroom.adapters.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one point of one device at one instant: the canonical unit of telemetry that every
 * adapter produces and the hub stores. Booleans are carried as 1.0 / 0.0.
 */
public record Reading(DeviceId device, String point, Instant ts, double value, Quality quality) {

    public Reading {
        Objects.requireNonNull(device, "device");
        PointName.require(point);
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(quality, "quality");
    }

    public Reading withQuality(Quality newQuality) {
        return newQuality == quality ? this : new Reading(device, point, ts, value, newQuality);
    }
}

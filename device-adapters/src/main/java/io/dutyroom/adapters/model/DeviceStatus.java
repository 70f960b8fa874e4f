package io.dutyroom.adapters.model;

import java.time.Instant;

/**
 * A device is online or offline, and why: {@code status} when the device said so itself (its MQTT
 * last will says offline), {@code comm-loss} when a polling adapter could not reach it,
 * {@code poll} when it answers again.
 */
public record DeviceStatus(SiteId site, DeviceId device, Instant ts, boolean online, String cause) implements Inbound {

    public static final String SELF_REPORTED = "status";
    public static final String COMM_LOSS = "comm-loss";
    public static final String ANSWERING = "poll";
}

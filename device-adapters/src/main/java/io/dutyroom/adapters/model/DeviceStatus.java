package io.dutyroom.adapters.model;

import java.time.Instant;

/** A device's own statement that it is online or offline (its MQTT last will says offline). */
public record DeviceStatus(SiteId site, DeviceId device, Instant ts, boolean online) implements Inbound {
}

package io.dutyroom.adapters.model;

import java.time.Instant;

/**
 * A discrete event a device reported (a card swipe, a fire-panel zone change). {@code dataJson} is
 * the event's data object as received, already checked to be a JSON object.
 */
public record DeviceEvent(SiteId site, DeviceId device, Instant ts, String type, String dataJson) implements Inbound {
}

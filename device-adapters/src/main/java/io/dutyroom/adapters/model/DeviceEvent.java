package io.dutyroom.adapters.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A discrete event a device reported (a card swipe, a fire-panel zone change). {@code dataJson} is
 * the event's data object as received, already checked to be a JSON object; {@code drill} names the
 * drill that produced it, if one did.
 */
public record DeviceEvent(SiteId site, DeviceId device, Instant ts, String type, String dataJson, Optional<String> drill) implements Inbound {

    public DeviceEvent(SiteId site, DeviceId device, Instant ts, String type, String dataJson) {
        this(site, device, ts, type, dataJson, Optional.empty());
    }
}

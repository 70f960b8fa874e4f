package io.dutyroom.adapters.model;

import java.util.List;
import java.util.Optional;

/**
 * Readings that arrived together (one MQTT message, one Modbus poll) from one device.
 *
 * @param drill the drill these readings belong to, when a drill produced them; real traffic has none
 */
public record ReadingBatch(SiteId site, DeviceId device, List<Reading> readings, Optional<String> drill) implements Inbound {

    public ReadingBatch {
        readings = List.copyOf(readings);
    }

    public ReadingBatch(SiteId site, DeviceId device, List<Reading> readings) {
        this(site, device, readings, Optional.empty());
    }

    public int size() {
        return readings.size();
    }
}

package io.dutyroom.adapters.model;

import java.util.List;

/** Readings that arrived together (one MQTT message, one Modbus poll) from one device. */
public record ReadingBatch(SiteId site, DeviceId device, List<Reading> readings) implements Inbound {

    public ReadingBatch {
        readings = List.copyOf(readings);
    }

    public int size() {
        return readings.size();
    }
}

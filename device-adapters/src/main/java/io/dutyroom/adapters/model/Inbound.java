package io.dutyroom.adapters.model;

/**
 * What an adapter hands to the hub: readings, a discrete device event, or a device status change.
 * Every inbound item names the site and device it came from, as the wire told it.
 */
public sealed interface Inbound permits ReadingBatch, DeviceEvent, DeviceStatus {
    SiteId site();

    DeviceId device();
}

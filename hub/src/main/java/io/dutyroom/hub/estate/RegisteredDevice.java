package io.dutyroom.hub.estate;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.LocalizedText;
import java.util.Optional;

/**
 * A device the estate registry knows: where it is, what kind of equipment it is, and, for polled
 * equipment, how to reach it over Modbus (devices without it report over MQTT).
 */
public record RegisteredDevice(DeviceId id, SiteId site, String building, String floor, LocalizedText name,
                               EquipmentProfile profile, Optional<ModbusLink> modbus) {
}

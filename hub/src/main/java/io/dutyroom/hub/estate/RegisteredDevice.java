package io.dutyroom.hub.estate;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.LocalizedText;

/** A device the estate registry knows: where it is and what kind of equipment it is. */
public record RegisteredDevice(DeviceId id, SiteId site, String building, String floor, LocalizedText name,
                               EquipmentProfile profile) {
}

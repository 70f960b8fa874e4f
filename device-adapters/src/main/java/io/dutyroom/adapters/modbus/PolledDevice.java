package io.dutyroom.adapters.modbus;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.EquipmentProfile;
import java.time.Duration;
import java.util.Optional;

/**
 * A device the Modbus adapter polls.
 *
 * @param interval         time between polls
 * @param timeout          how long one request may take
 * @param commLossAfter    consecutive failed polls after which the device is reported offline ({@code comm-loss})
 * @param wordOrder        overrides the profile's word order for this device (vendors differ)
 */
public record PolledDevice(SiteId site, DeviceId device, EquipmentProfile profile, ModbusEndpoint endpoint,
                           Duration interval, Duration timeout, int commLossAfter, Optional<WordOrder> wordOrder) {

    public WordOrder effectiveWordOrder(ModbusRegister register) {
        return register.wordOrder() != null ? register.wordOrder() : wordOrder.orElse(profile.wordOrder());
    }
}

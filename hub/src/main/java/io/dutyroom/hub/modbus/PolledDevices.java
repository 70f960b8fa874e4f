package io.dutyroom.hub.modbus;

import io.dutyroom.adapters.modbus.PolledDevice;
import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.ModbusLink;
import io.dutyroom.hub.estate.RegisteredDevice;
import java.util.ArrayList;
import java.util.List;

/** The registry's devices that have a {@code modbus:} entry, as the Modbus adapter wants them. */
public final class PolledDevices {
    private PolledDevices() {
    }

    public static List<PolledDevice> of(EstateRegistry estate) {
        List<PolledDevice> polled = new ArrayList<>();
        for (RegisteredDevice d : estate.devices()) {
            if (d.modbus().isPresent()) {
                ModbusLink link = d.modbus().get();
                polled.add(new PolledDevice(d.site(), d.id(), d.profile(), link.endpoint(), link.interval(), link.timeout(),
                        link.commLossAfter(), link.wordOrder()));
            }
        }
        return polled;
    }
}

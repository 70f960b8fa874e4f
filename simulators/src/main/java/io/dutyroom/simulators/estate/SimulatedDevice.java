package io.dutyroom.simulators.estate;

import java.util.List;
import java.util.Optional;

/**
 * A device of the simulated estate, as its registry entry describes it.
 *
 * @param floors the building's floors that are numbers (for lifts); empty when the building lists none
 * @param modbus where the device answers Modbus when it is polled rather than publishing
 */
public record SimulatedDevice(String site, String id, String profile, List<Integer> floors, Optional<ModbusAddress> modbus) {

    public SimulatedDevice(String site, String id, String profile, List<Integer> floors) {
        this(site, id, profile, floors, Optional.empty());
    }

    /** A polled device's gateway port and unit id. */
    public record ModbusAddress(String host, int port, int unitId) {
    }
}

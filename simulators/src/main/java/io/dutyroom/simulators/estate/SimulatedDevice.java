package io.dutyroom.simulators.estate;

import java.util.List;
import java.util.Optional;

/**
 * A device of the simulated estate, as its registry entry describes it.
 *
 * @param building the building it is in, as the estate file names it; drills bind their roles by it
 * @param floors the building's floors that are numbers (for lifts); empty when the building lists none
 * @param modbus where the device answers Modbus when it is polled rather than publishing
 */
public record SimulatedDevice(String site, String building, String id, String profile, List<Integer> floors, Optional<ModbusAddress> modbus) {

    /** A device in no particular building, for models tested on their own. */
    public SimulatedDevice(String site, String id, String profile, List<Integer> floors) {
        this(site, "", id, profile, floors, Optional.empty());
    }

    /** A polled device's gateway port and unit id. */
    public record ModbusAddress(String host, int port, int unitId) {
    }
}

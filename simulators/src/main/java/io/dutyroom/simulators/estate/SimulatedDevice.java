package io.dutyroom.simulators.estate;

import java.util.List;

/**
 * A device of the simulated estate, as its registry entry describes it.
 *
 * @param floors the building's floors that are numbers (for lifts); empty when the building lists none
 */
public record SimulatedDevice(String site, String id, String profile, List<Integer> floors) {
}

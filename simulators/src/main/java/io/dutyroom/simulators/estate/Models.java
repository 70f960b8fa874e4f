package io.dutyroom.simulators.estate;

import java.util.Optional;
import java.util.SplittableRandom;

/** Which model simulates which equipment profile. */
final class Models {
    private Models() {
    }

    static Optional<EquipmentModel> of(SimulatedDevice device, SplittableRandom random) {
        return Optional.ofNullable(switch (device.profile()) {
            case "water-pump-set" -> new WaterPumpSetModel(random);
            case "sump-pit" -> new SumpPitModel(random);
            case "fire-pump" -> new QuietModels.FirePump(random);
            case "elevator" -> {
                int lowest = device.floors().stream().mapToInt(Integer::intValue).min().orElse(1);
                int highest = device.floors().stream().mapToInt(Integer::intValue).max().orElse(18);
                yield new ElevatorModel(random, lowest, Math.max(highest, lowest + 1));
            }
            case "power-distribution" -> new PowerModel(random, 800);
            case "fire-alarm-panel" -> new QuietModels.FirePanel(random);
            case "access-door" -> new QuietModels.AccessDoor(random);
            default -> null;
        });
    }
}

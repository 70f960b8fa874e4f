package io.dutyroom.adapters.modbus;

import java.util.List;

/**
 * One Modbus read covering several points: {@code count} registers or bits of {@code table} from
 * {@code start}. The points' registers all fall inside it.
 */
public record ReadRequest(RegisterTable table, int start, int count, List<PlannedPoint> points) {

    public ReadRequest {
        points = List.copyOf(points);
    }

    /** A point and where its value starts inside the read. */
    public record PlannedPoint(String point, ModbusRegister register) {
    }
}

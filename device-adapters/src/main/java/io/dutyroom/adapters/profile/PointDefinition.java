package io.dutyroom.adapters.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dutyroom.adapters.modbus.ModbusRegister;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * One point of an equipment profile.
 *
 * @param name        the point name used on the wire and in storage, e.g. {@code outlet_pressure}
 * @param type        what the value means
 * @param unit        the engineering unit, empty for states (UCUM-like symbols: MPa, A, V, kW, °C, m)
 * @param range       the physically valid range {@code [min, max]}, or empty when any value is valid
 * @param states      names of coded values of an {@code int} point (e.g. door state 0 = closed)
 * @param description what the point is, in zh-CN and en
 * @param modbus      where the point is read on a Modbus device; absent for points that arrive by MQTT
 */
public record PointDefinition(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) ValueType type,
        String unit,
        List<Double> range,
        Map<Integer, String> states,
        LocalizedText description,
        ModbusRegister modbus) {

    public PointDefinition {
        unit = unit == null ? "" : unit;
        range = range == null ? List.of() : List.copyOf(range);
        states = states == null ? Map.of() : Map.copyOf(states);
    }

    /** Where the point is on a Modbus device, if it is polled. */
    public Optional<ModbusRegister> register() {
        return Optional.ofNullable(modbus);
    }
}

package io.dutyroom.adapters.modbus;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a Modbus device answers: a TCP address (the device itself or a serial-to-TCP gateway), or
 * a serial line on the hub's own port, and the unit id on it. Devices on the same connection share
 * it, one request at a time.
 *
 * @param rtuOverTcp true for gateways that pass RTU frames through TCP unchanged
 * @param serial     an RS-485 line instead of TCP; host and port are then unused
 */
public record ModbusEndpoint(String host, int port, int unitId, boolean rtuOverTcp, Optional<SerialLine> serial) {

    public ModbusEndpoint {
        Objects.requireNonNull(serial, "serial");
        if (serial.isEmpty()) {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1..65535, was " + port);
            }
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("unit id must be 0..255, was " + unitId);
        }
    }

    public ModbusEndpoint(String host, int port, int unitId, boolean rtuOverTcp) {
        this(host, port, unitId, rtuOverTcp, Optional.empty());
    }

    /** A device on a serial line of the hub's own port. */
    public static ModbusEndpoint serial(SerialLine line, int unitId) {
        return new ModbusEndpoint(null, 0, unitId, false, Optional.of(line));
    }

    /** The connection this endpoint uses, shared by every unit id on it. */
    public String connection() {
        if (serial.isPresent()) {
            return "rtu://" + serial.get().device();
        }
        return (rtuOverTcp ? "rtu+tcp://" : "tcp://") + host + ":" + port;
    }
}

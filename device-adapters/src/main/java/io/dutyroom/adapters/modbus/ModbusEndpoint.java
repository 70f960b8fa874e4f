package io.dutyroom.adapters.modbus;

import java.util.Objects;

/**
 * Where a Modbus device answers: a TCP address (the device itself or a serial-to-TCP gateway) and
 * the unit id behind it. Devices with the same host, port and framing share one connection.
 *
 * @param rtuOverTcp true for gateways that pass RTU frames through TCP unchanged
 */
public record ModbusEndpoint(String host, int port, int unitId, boolean rtuOverTcp) {

    public ModbusEndpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("unit id must be 0..255, was " + unitId);
        }
    }

    /** The connection this endpoint uses, shared by every unit id behind it. */
    public String connection() {
        return (rtuOverTcp ? "rtu+tcp://" : "tcp://") + host + ":" + port;
    }
}

package io.dutyroom.adapters.modbus;

import io.dutyroom.adapters.model.DeviceId;

/** What the Modbus adapter reports about its polls; the hub backs it with Micrometer. */
public interface ModbusMetrics {

    /** A poll finished: {@code ok} when every read of it answered. */
    void poll(DeviceId device, long nanos, boolean ok);

    /** A read failed: {@code timeout}, {@code io}, or {@code exception_<code>} for a Modbus exception response. */
    void failure(DeviceId device, String reason);

    /** A poll was due while the previous one was still running or not yet stored, and was skipped. */
    void skipped(DeviceId device);

    /** How late a poll started after it was due. */
    void lateness(DeviceId device, long nanos);

    ModbusMetrics NONE = new ModbusMetrics() {
        @Override
        public void poll(DeviceId device, long nanos, boolean ok) {
        }

        @Override
        public void failure(DeviceId device, String reason) {
        }

        @Override
        public void skipped(DeviceId device) {
        }

        @Override
        public void lateness(DeviceId device, long nanos) {
        }
    };
}

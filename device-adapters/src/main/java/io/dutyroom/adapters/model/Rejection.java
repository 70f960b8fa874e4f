package io.dutyroom.adapters.model;

/**
 * Input an adapter or the hub refused, with the reason and a human-readable detail. The origin is
 * where it came from (an MQTT topic, a Modbus device) so an operator can find the sender.
 */
public record Rejection(RejectReason reason, String origin, String detail) {
}

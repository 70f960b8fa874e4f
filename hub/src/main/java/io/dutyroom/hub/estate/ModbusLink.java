package io.dutyroom.hub.estate;

import io.dutyroom.adapters.modbus.ModbusEndpoint;
import io.dutyroom.adapters.modbus.SerialLine;
import io.dutyroom.adapters.modbus.WordOrder;
import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import io.dutyroom.adapters.yaml.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * How the hub polls a device over Modbus TCP, from the device's {@code modbus:} entry in the estate
 * registry.
 */
public record ModbusLink(ModbusEndpoint endpoint, Duration interval, Duration timeout, int commLossAfter, Optional<WordOrder> wordOrder) {

    /** The YAML entry; everything but {@code host} (or {@code serial}) has a default. */
    record Entry(String host, Integer port, Integer unitId, String interval, String timeout, Integer commLossAfter,
                 WordOrder wordOrder, Boolean rtuOverTcp, SerialEntry serial) {
    }

    /** An RS-485 line on the hub's own port: {@code {device, baud, dataBits, parity, stopBits}}. */
    record SerialEntry(String device, Integer baud, Integer dataBits, String parity, Integer stopBits) {
    }

    static Optional<ModbusLink> from(Entry e, EquipmentProfile profile, YamlDocument doc, String at, Problems problems) {
        int before = problemCount(problems);
        if (profile.polledPoints().isEmpty()) {
            problems.at(doc, at, "profile " + profile.id() + " has no Modbus registers to poll");
        }
        Optional<SerialLine> serial = Optional.empty();
        if (e.serial() != null) {
            try {
                SerialEntry line = e.serial();
                if (line.device() == null || line.device().isBlank()) {
                    throw new IllegalArgumentException("the serial port is required, e.g. device: /dev/ttyUSB0");
                }
                serial = Optional.of(new SerialLine(line.device(), line.baud() == null ? 9600 : line.baud(),
                        line.dataBits() == null ? 8 : line.dataBits(), line.parity(), line.stopBits() == null ? 1 : line.stopBits()));
            } catch (IllegalArgumentException bad) {
                problems.at(doc, at + "/serial", bad.getMessage());
            }
        } else if (e.host() == null || e.host().isBlank()) {
            problems.at(doc, at + "/host", "the device's (or its gateway's) address is required (or a serial line)");
        }
        int port = e.port() == null ? 502 : e.port();
        if (port < 1 || port > 65_535) {
            problems.at(doc, at + "/port", "must be 1-65535 (was " + port + ")");
        }
        int unitId = e.unitId() == null ? 1 : e.unitId();
        if (unitId < 0 || unitId > 255) {
            problems.at(doc, at + "/unitId", "must be 0-255 (was " + unitId + ")");
        }
        Duration interval = duration(e.interval(), Duration.ofSeconds(1), Duration.ofMillis(100), doc, at + "/interval", problems);
        Duration timeout = duration(e.timeout(), Duration.ofSeconds(1), Duration.ofMillis(50), doc, at + "/timeout", problems);
        int commLossAfter = e.commLossAfter() == null ? 3 : e.commLossAfter();
        if (commLossAfter < 1 || commLossAfter > 100) {
            problems.at(doc, at + "/commLossAfter", "must be 1-100 (was " + commLossAfter + ")");
        }
        if (problemCount(problems) > before) {
            return Optional.empty();
        }
        ModbusEndpoint endpoint = serial.isPresent() ? ModbusEndpoint.serial(serial.get(), unitId)
                : new ModbusEndpoint(e.host(), port, unitId, Boolean.TRUE.equals(e.rtuOverTcp()));
        return Optional.of(new ModbusLink(endpoint, interval, timeout, commLossAfter, Optional.ofNullable(e.wordOrder())));
    }

    private static Duration duration(String text, Duration fallback, Duration min, YamlDocument doc, String at, Problems problems) {
        if (text == null) {
            return fallback;
        }
        Optional<Duration> d = Durations.parse(text).filter(v -> v.compareTo(min) >= 0);
        if (d.isEmpty()) {
            problems.at(doc, at, "must be a duration of at least " + min.toMillis() + "ms, like 1s or 500ms (was '" + text + "')");
            return fallback;
        }
        return d.get();
    }

    private static int problemCount(Problems problems) {
        return problems.count();
    }
}

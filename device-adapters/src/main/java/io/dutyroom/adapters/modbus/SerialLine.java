package io.dutyroom.adapters.modbus;

import java.util.Locale;
import java.util.Objects;

/**
 * An RS-485 line on the hub's own serial port, spoken as Modbus RTU.
 *
 * @param device   the port, e.g. {@code /dev/ttyUSB0} or {@code COM3}
 * @param parity   {@code none}, {@code even} or {@code odd}
 */
public record SerialLine(String device, int baud, int dataBits, String parity, int stopBits) {

    public SerialLine {
        Objects.requireNonNull(device, "device");
        parity = parity == null ? "none" : parity.toLowerCase(Locale.ROOT);
        if (!parity.equals("none") && !parity.equals("even") && !parity.equals("odd")) {
            throw new IllegalArgumentException("parity must be none, even or odd, was '" + parity + "'");
        }
        if (baud < 300 || baud > 921_600 || dataBits < 7 || dataBits > 8 || stopBits < 1 || stopBits > 2) {
            throw new IllegalArgumentException("serial line " + device + ": baud 300-921600, data bits 7-8, stop bits 1-2");
        }
    }
}

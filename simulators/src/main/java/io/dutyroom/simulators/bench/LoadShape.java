package io.dutyroom.simulators.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kind of estate the load comes from, registered in the hub with a shipped profile so its rules
 * run on every reading, and sending healthy values so no alarm is raised by the load itself.
 *
 * <ul>
 *   <li>{@code many}: many devices with few points, 10,000 domestic water pump sets each sending
 *       outlet pressure and tank level (2 values a message), as an estate of many small sensors;</li>
 *   <li>{@code wide}: few devices with many points, 20 power-distribution meters each sending its
 *       13 values in one message, as a switch room's meters do.</li>
 * </ul>
 */
enum LoadShape {
    MANY("many", "pump", 10_000, "water-pump-set", points(
            "outlet_pressure", "0.45", "tank_level", "3.2")),
    WIDE("wide", "feeder", 20, "power-distribution", points(
            "voltage_a", "230", "voltage_b", "230", "voltage_c", "230", "current_a", "120", "current_b", "120", "current_c", "120",
            "active_power", "80", "reactive_power", "12", "power_factor", "0.95", "frequency", "50", "energy", "123456",
            "breaker_closed", "true", "transformer_temp", "65"));

    /** The site every benchmark device belongs to. */
    static final String SITE = "bench";

    private final String code;
    private final String prefix;
    private final int devices;
    private final String profile;
    private final Map<String, String> values;

    LoadShape(String code, String prefix, int devices, String profile, Map<String, String> values) {
        this.code = code;
        this.prefix = prefix;
        this.devices = devices;
        this.profile = profile;
        this.values = values;
    }

    static LoadShape of(String code) {
        for (LoadShape s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown load shape " + code + " (many or wide)");
    }

    String code() {
        return code;
    }

    String prefix() {
        return prefix;
    }

    int devices() {
        return devices;
    }

    String profile() {
        return profile;
    }

    Map<String, String> pointValues() {
        return values;
    }

    private static Map<String, String> points(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}

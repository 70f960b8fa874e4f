package io.dutyroom.simulators.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the devices out of an estate registry file (the same file the hub reads). The simulator
 * needs only ids, buildings, profiles, floors and Modbus addresses; the hub does the validating.
 */
public final class EstateFile {
    private EstateFile() {
    }

    /** The building ids of each site, in file order. */
    public static Map<String, List<String>> buildings(YamlDocument doc) {
        Map<String, List<String>> buildings = new LinkedHashMap<>();
        for (JsonNode site : doc.root().path("sites")) {
            List<String> ids = buildings.computeIfAbsent(site.path("id").asText(), s -> new ArrayList<>());
            for (JsonNode building : site.path("buildings")) {
                ids.add(building.path("id").asText());
            }
        }
        return buildings;
    }

    public static List<SimulatedDevice> devices(YamlDocument doc) {
        List<SimulatedDevice> devices = new ArrayList<>();
        for (JsonNode site : doc.root().path("sites")) {
            for (JsonNode building : site.path("buildings")) {
                List<Integer> floors = new ArrayList<>();
                for (JsonNode floor : building.path("floors")) {
                    String f = floor.asText();
                    if (f.matches("-?\\d+")) {
                        floors.add(Integer.parseInt(f));
                    } else if (f.matches("B\\d+")) {
                        floors.add(-Integer.parseInt(f.substring(1)));
                    }
                }
                for (JsonNode device : building.path("devices")) {
                    JsonNode modbus = device.path("modbus");
                    Optional<SimulatedDevice.ModbusAddress> address = modbus.isMissingNode() ? Optional.empty()
                            : Optional.of(new SimulatedDevice.ModbusAddress(modbus.path("host").asText(), modbus.path("port").asInt(502),
                                    modbus.path("unitId").asInt(1)));
                    devices.add(new SimulatedDevice(site.path("id").asText(), building.path("id").asText(), device.path("id").asText(),
                            device.path("profile").asText(), List.copyOf(floors), address));
                }
            }
        }
        return devices;
    }

    /**
     * Points the estate's loopback Modbus devices at the ports their simulated gateways really
     * listen on ({@code moved}: the file's port → the actual one), in the document itself, so that
     * the hub reading it next polls them there.
     */
    public static void repointModbus(YamlDocument doc, Map<Integer, Integer> moved) {
        for (JsonNode site : doc.root().path("sites")) {
            for (JsonNode building : site.path("buildings")) {
                for (JsonNode device : building.path("devices")) {
                    if (device.path("modbus") instanceof ObjectNode modbus && isLoopback(modbus.path("host").asText())
                            && moved.containsKey(modbus.path("port").asInt(502))) {
                        modbus.put("port", moved.get(modbus.path("port").asInt(502)));
                    }
                }
            }
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost");
    }
}

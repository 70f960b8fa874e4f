package io.dutyroom.hub.estate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.model.SiteId;
import io.dutyroom.adapters.profile.LocalizedText;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.Problems;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The estate as configured: sites, buildings, floors and devices with their equipment profiles.
 * Immutable after load; look-ups are map hits because ingest does one per message.
 */
public final class EstateRegistry {
    private final List<Site> sites;
    private final Map<DeviceId, RegisteredDevice> devices;
    private final List<RegisteredDevice> order;

    private EstateRegistry(List<Site> sites, Map<DeviceId, RegisteredDevice> devices) {
        this.sites = List.copyOf(sites);
        this.devices = Map.copyOf(devices);
        this.order = List.copyOf(devices.values());
    }

    public static EstateRegistry empty() {
        return new EstateRegistry(List.of(), Map.of());
    }

    public static EstateRegistry load(Path file, ProfileCatalogue profiles) {
        try {
            return parse(YamlDocument.read(file.toString(), Files.readAllBytes(file)), profiles);
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": estate registry cannot be read: " + e.getMessage());
        }
    }

    /** Parses and checks a registry: ids valid and unique, profiles known; every problem reported. */
    public static EstateRegistry parse(YamlDocument doc, ProfileCatalogue profiles) {
        EstateFile file = doc.bind("", EstateFile.class);
        Problems problems = new Problems();
        List<Site> sites = new ArrayList<>();
        Map<DeviceId, RegisteredDevice> devices = new LinkedHashMap<>();
        Set<String> siteIds = new HashSet<>();
        for (int s = 0; s < file.sites().size(); s++) {
            SiteEntry site = file.sites().get(s);
            String at = "/sites/" + s;
            if (!SiteId.isValid(site.id())) {
                problems.at(doc, at + "/id", "site id '" + site.id() + "' must be 1-64 letters, digits, '.', '_' or '-'");
                continue;
            }
            if (!siteIds.add(site.id())) {
                problems.at(doc, at + "/id", "site '" + site.id() + "' is declared twice");
            }
            SiteId siteId = SiteId.of(site.id());
            List<Site.Building> buildings = new ArrayList<>();
            for (int b = 0; b < site.buildings().size(); b++) {
                BuildingEntry building = site.buildings().get(b);
                buildings.add(new Site.Building(building.id(), building.name(), building.floors()));
                for (int d = 0; d < building.devices().size(); d++) {
                    DeviceEntry device = building.devices().get(d);
                    String dAt = at + "/buildings/" + b + "/devices/" + d;
                    if (!DeviceId.isValid(device.id())) {
                        problems.at(doc, dAt + "/id", "device id '" + device.id() + "' must be 1-64 letters, digits, '.', '_' or '-'");
                        continue;
                    }
                    var profile = profiles.find(device.profile());
                    if (profile.isEmpty()) {
                        problems.at(doc, dAt + "/profile", "unknown equipment profile '" + device.profile() + "'");
                        continue;
                    }
                    if (device.floor() != null && !building.floors().isEmpty() && !building.floors().contains(device.floor())) {
                        problems.at(doc, dAt + "/floor", "floor '" + device.floor() + "' is not one of building " + building.id() + "'s floors");
                    }
                    DeviceId id = DeviceId.of(device.id());
                    Optional<ModbusLink> modbus = device.modbus() == null ? Optional.empty()
                            : ModbusLink.from(device.modbus(), profile.get(), doc, dAt + "/modbus", problems);
                    RegisteredDevice registered = new RegisteredDevice(id, siteId, building.id(), device.floor(), device.name(), profile.get(), modbus);
                    if (devices.putIfAbsent(id, registered) != null) {
                        problems.at(doc, dAt + "/id", "device '" + id + "' is declared twice; device ids are unique across the estate");
                    }
                }
            }
            sites.add(new Site(siteId, site.name(), buildings));
        }
        problems.throwIfAny();
        return new EstateRegistry(sites, devices);
    }

    public Optional<RegisteredDevice> device(DeviceId id) {
        return Optional.ofNullable(devices.get(id));
    }

    public Collection<RegisteredDevice> devices() {
        return order;
    }

    public List<Site> sites() {
        return sites;
    }

    record EstateFile(List<SiteEntry> sites) {
        EstateFile {
            sites = sites == null ? List.of() : sites;
        }
    }

    record SiteEntry(@JsonProperty(required = true) String id, LocalizedText name, List<BuildingEntry> buildings) {
        SiteEntry {
            buildings = buildings == null ? List.of() : buildings;
        }
    }

    record BuildingEntry(@JsonProperty(required = true) String id, LocalizedText name, List<String> floors, List<DeviceEntry> devices) {
        BuildingEntry {
            floors = floors == null ? List.of() : floors;
            devices = devices == null ? List.of() : devices;
        }
    }

    record DeviceEntry(@JsonProperty(required = true) String id, @JsonProperty(required = true) String profile,
                       String floor, LocalizedText name, ModbusLink.Entry modbus) {
    }
}

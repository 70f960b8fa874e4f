package io.dutyroom.hub.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.model.DeviceId;
import io.dutyroom.adapters.modbus.WordOrder;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EstateRegistryTest {
    private static final ProfileCatalogue PROFILES = ProfileCatalogue.builtIn();

    private static EstateRegistry parse(String yaml) {
        return EstateRegistry.parse(YamlDocument.read("estate.yaml", yaml.getBytes(StandardCharsets.UTF_8)), PROFILES);
    }

    @Test
    void theDemoEstateLoads() {
        InputStream in = getClass().getClassLoader().getResourceAsStream("demo/estate.yaml");
        EstateRegistry demo = EstateRegistry.parse(YamlDocument.read("demo/estate.yaml", in), PROFILES);

        assertThat(demo.sites()).hasSize(1);
        assertThat(demo.sites().get(0).buildings()).hasSize(4);
        RegisteredDevice lift = demo.device(DeviceId.of("t1-lift-a")).orElseThrow();
        assertThat(lift.profile().id()).isEqualTo("elevator");
        assertThat(lift.building()).isEqualTo("t1");
        assertThat(lift.name().zh()).isEqualTo("1号楼A梯");
    }

    @Test
    void everyMistakeIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("""
                sites:
                  - id: s1
                    buildings:
                      - id: b1
                        floors: ["1", "2"]
                        devices:
                          - {id: pump-1, profile: water-pump-set, floor: "9"}
                          - {id: pump-1, profile: water-pump-set}
                          - {id: lift-1, profile: escalator}
                          - {id: "bad id", profile: elevator}
                """))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsExactly(
                        "estate.yaml:7: sites.0.buildings.0.devices.0.floor: floor '9' is not one of building b1's floors",
                        "estate.yaml:8: sites.0.buildings.0.devices.1.id: device 'pump-1' is declared twice; device ids are unique across the estate",
                        "estate.yaml:9: sites.0.buildings.0.devices.2.profile: unknown equipment profile 'escalator'",
                        "estate.yaml:10: sites.0.buildings.0.devices.3.id: device id 'bad id' must be 1-64 letters, digits, '.', '_' or '-'"));
    }

    @Test
    void aMissingRequiredFieldNamesIt() {
        assertThatThrownBy(() -> parse("""
                sites:
                  - id: s1
                    buildings:
                      - id: b1
                        devices:
                          - {id: pump-1}
                """))
                .hasMessageStartingWith("estate.yaml:6: sites.0.buildings.0.devices.0")
                .hasMessageContaining("profile");
    }

    @Test
    void aPolledDeviceGetsDefaultsAndItsMistakesAreNamed() {
        EstateRegistry ok = parse("""
                sites:
                  - id: s1
                    buildings:
                      - id: b1
                        devices:
                          - {id: meter-1, profile: power-distribution, modbus: {host: 10.0.0.7, unitId: 3, wordOrder: ABCD}}
                """);
        ModbusLink link = ok.device(DeviceId.of("meter-1")).orElseThrow().modbus().orElseThrow();
        assertThat(link.endpoint().connection()).isEqualTo("tcp://10.0.0.7:502");
        assertThat(link.endpoint().unitId()).isEqualTo(3);
        assertThat(link.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(link.wordOrder()).contains(WordOrder.ABCD);

        assertThatThrownBy(() -> parse("""
                sites:
                  - id: s1
                    buildings:
                      - id: b1
                        devices:
                          - {id: door-1, profile: access-door, modbus: {host: 10.0.0.8}}
                          - {id: meter-2, profile: power-distribution, modbus: {port: 70000, unitId: 300, interval: 5ms}}
                """))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsExactly(
                        "estate.yaml:6: sites.0.buildings.0.devices.0.modbus: profile access-door has no Modbus registers to poll",
                        "estate.yaml:7: sites.0.buildings.0.devices.1.modbus.host: the device's (or its gateway's) address is required (or a serial line)",
                        "estate.yaml:7: sites.0.buildings.0.devices.1.modbus.port: must be 1-65535 (was 70000)",
                        "estate.yaml:7: sites.0.buildings.0.devices.1.modbus.unitId: must be 0-255 (was 300)",
                        "estate.yaml:7: sites.0.buildings.0.devices.1.modbus.interval: must be a duration of at least 100ms, like 1s or 500ms (was '5ms')"));
    }

    @Test
    void aDeviceOnTheHubsOwnSerialLineIsAnRtuEndpoint() {
        EstateRegistry estate = parse("""
                sites:
                  - id: s1
                    buildings:
                      - id: b1
                        devices:
                          - {id: pit-1, profile: sump-pit, modbus: {unitId: 4, serial: {device: /dev/ttyUSB0, baud: 19200, parity: even}}}
                """);
        var endpoint = estate.device(DeviceId.of("pit-1")).orElseThrow().modbus().orElseThrow().endpoint();
        assertThat(endpoint.connection()).isEqualTo("rtu:///dev/ttyUSB0");
        assertThat(endpoint.serial().orElseThrow().baud()).isEqualTo(19200);
        assertThat(endpoint.serial().orElseThrow().parity()).isEqualTo("even");

        assertThatThrownBy(() -> parse("""
                sites:
                  - id: s1
                    buildings:
                      - id: b1
                        devices:
                          - {id: pit-1, profile: sump-pit, modbus: {serial: {device: /dev/ttyUSB0, parity: mark}}}
                """)).hasMessage("estate.yaml:6: sites.0.buildings.0.devices.0.modbus.serial: parity must be none, even or odd, was 'mark'");
    }
}

package io.dutyroom.adapters.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.modbus.Encoding;
import io.dutyroom.adapters.modbus.WordOrder;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProfileCatalogueTest {

    private static EquipmentProfile parse(String yaml) {
        return ProfileCatalogue.parse(YamlDocument.read("test.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shipsTheDutyRoomsEquipmentTypes() {
        ProfileCatalogue catalogue = ProfileCatalogue.builtIn();

        assertThat(catalogue.all()).extracting(EquipmentProfile::id).contains(
                "water-pump-set", "sump-pit", "fire-pump", "elevator", "power-distribution", "fire-alarm-panel", "access-door");
        PointDefinition pressure = catalogue.find("water-pump-set").orElseThrow().point("outlet_pressure").orElseThrow();
        assertThat(pressure.unit()).isEqualTo("MPa");
        assertThat(pressure.type()).isEqualTo(ValueType.FLOAT);
        assertThat(pressure.description().zh()).isEqualTo("出水压力");
        assertThat(catalogue.find("elevator").orElseThrow().point("door_state").orElseThrow().states()).containsEntry(2, "open");
    }

    @Test
    void anUnknownValueTypeNamesFileLineAndKey() {
        assertThatThrownBy(() -> parse("""
                id: x
                category: water
                points:
                  - name: a
                    type: bool
                  - name: b
                    type: decimal
                """))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("test.yaml:7: points.1.type:")
                .hasMessageContaining("unknown value type 'decimal'");
    }

    @Test
    void duplicatePointsAndBadRangesAreAllReported() {
        assertThatThrownBy(() -> parse("""
                id: x
                category: water
                points:
                  - {name: a, type: float, range: [5, 1]}
                  - {name: a, type: bool}
                """))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsExactly(
                        "test.yaml:4: points.0.range: range must be [min, max] with min <= max",
                        "test.yaml:5: points.1.name: point 'a' is declared twice"));
    }

    @Test
    void unknownKeysAreErrorsNotSilence() {
        assertThatThrownBy(() -> parse("""
                id: x
                category: water
                points:
                  - {name: a, type: bool, unitt: V}
                """))
                .hasMessageStartingWith("test.yaml:4: points.0.unitt: unknown key \"unitt\"");
    }

    @Test
    void shippedRegisterMapsAreDataWithTheirWordOrder() {
        EquipmentProfile power = ProfileCatalogue.builtIn().find("power-distribution").orElseThrow();

        assertThat(power.wordOrder()).isEqualTo(WordOrder.ABCD);
        assertThat(power.point("active_power").orElseThrow().register()).hasValueSatisfying(r -> {
            assertThat(r.address()).isEqualTo(3059);
            assertThat(r.encoding()).isEqualTo(Encoding.FLOAT32);
        });
        assertThat(ProfileCatalogue.builtIn().find("access-door").orElseThrow().polledPoints()).isEmpty();
    }

    @Test
    void registerMapMistakesAreNamedWithTheirLines() {
        assertThatThrownBy(() -> parse("""
                id: x
                category: power
                points:
                  - {name: a, type: float, modbus: {table: holding, address: 10, encoding: float32}}
                  - {name: b, type: float, modbus: {table: holding, address: 11}}
                  - {name: c, type: bool, modbus: {table: coil, address: 0, encoding: int16}}
                  - {name: d, type: bool, modbus: {table: holding, address: 20, encoding: bit}}
                  - {name: e, type: float, modbus: {table: holding, address: 65535, encoding: float32}}
                  - {name: f, type: bool, modbus: {table: holding, address: 30, encoding: bit, bit: 1}}
                  - {name: g, type: bool, modbus: {table: holding, address: 30, encoding: bit, bit: 2}}
                """))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsExactlyInAnyOrder(
                        "test.yaml:6: points.2.modbus.encoding: coil holds single bits; encoding must be bit",
                        "test.yaml:7: points.3.modbus.bit: a bit of a holding register needs 'bit: 0..15'",
                        "test.yaml:8: points.4.modbus.address: address 65535 is outside 0-65535 for a float32 value",
                        "test.yaml:5: points.1.modbus.address: register 11 overlaps point 'a' at 10"));
    }

    @Test
    void anUnknownEncodingIsAnError() {
        assertThatThrownBy(() -> parse("""
                id: x
                category: power
                points:
                  - {name: a, type: float, modbus: {table: holding, address: 1, encoding: float64}}
                """))
                .hasMessageStartingWith("test.yaml:4: points.0.modbus.encoding:")
                .hasMessageContaining("unknown encoding 'float64'");
    }
}

package io.dutyroom.adapters.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}

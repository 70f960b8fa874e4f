package io.dutyroom.hub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.profile.EquipmentProfile;
import io.dutyroom.adapters.profile.ProfileCatalogue;
import io.dutyroom.adapters.yaml.InvalidConfigException;
import io.dutyroom.adapters.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {

    private static EquipmentProfile profile(String rulesYaml) {
        String yaml = """
                id: test-pump
                name: {zh: 泵, en: Pump}
                category: water
                points:
                  - {name: running, type: bool}
                  - {name: pressure, type: float, unit: MPa}
                  - {name: code, type: int}
                signals:
                  - {name: starts_1h, rises: running, window: 1h}
                """ + rulesYaml;
        return ProfileCatalogue.parse(YamlDocument.read("test-pump.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyShippedProfileCompiles() {
        Map<String, ProfileRules> compiled = RuleCompiler.compile(ProfileCatalogue.builtIn());
        assertThat(compiled).containsKeys("elevator", "water-pump-set", "sump-pit", "fire-pump", "power-distribution",
                "fire-alarm-panel", "access-door");
        assertThat(compiled.get("elevator").rules()).extracting(CompiledRule::id).contains("entrapment", "door-fault");
        assertThat(compiled.values()).allSatisfy(rules -> assertThat(rules.rules()).isNotEmpty());
    }

    @Test
    void aRuleReadsTheVariablesItNames() {
        ProfileRules rules = RuleCompiler.compile(profile("""
                rules:
                  - {id: low, name: {zh: 低, en: Low}, priority: high, when: "running && pressure < 1", message: {zh: 低, en: low}}
                """));
        assertThat(rules.rules().get(0).reads()).containsExactlyInAnyOrder("running", "pressure");
    }

    @Test
    void anUnknownNameFailsWithFileLineAndRule() {
        assertThatThrownBy(() -> RuleCompiler.compile(profile("""
                rules:
                  - {id: low, name: {zh: 低, en: Low}, priority: high, when: "presure < 1.0", message: {zh: 低, en: low}}
                """)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("test-pump.yaml:11: rule 'low' when: undeclared reference to 'presure'");
    }

    @Test
    void aConditionThatIsNotABoolFails() {
        assertThatThrownBy(() -> RuleCompiler.compile(profile("""
                rules:
                  - {id: low, name: {zh: 低, en: Low}, priority: high, when: "pressure + 1.0", message: {zh: 低, en: low}}
                """)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("rule 'low' when:");
    }

    @Test
    void mixedTypesFailAtLoadNotAtRunTime() {
        assertThatThrownBy(() -> RuleCompiler.compile(profile("""
                rules:
                  - {id: low, name: {zh: 低, en: Low}, priority: high, when: "running == 'yes'", message: {zh: 低, en: low}}
                """)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("rule 'low' when:");
    }

    @Test
    void profileChecksNameTheLine() {
        assertThatThrownBy(() -> profile("""
                rules:
                  - id: low
                    name: {zh: 低, en: Low}
                    priority: critical
                    when: "pressure < 1.0"
                    onDelay: soon
                    message: {zh: "{nope}", en: low}
                """))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("test-pump.yaml:13: rules.0.priority: priority must be urgent, high, medium or low")
                .hasMessageContaining("test-pump.yaml:15: rules.0.onDelay:")
                .hasMessageContaining("{nope} is not a point");
    }
}

package io.dutyroom.simulators.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a drill finds its devices: by role, in the building it is asked to run in. No broker: the estate is only prepared. */
class DrillRunnerTest {
    private static final byte[] ESTATE = """
            sites:
              - id: estate-a
                buildings:
                  - id: t1
                    floors: ["1", "2", "3"]
                    devices:
                      - {id: t1-lift, profile: elevator}
                  - id: t2
                    floors: ["1", "2", "3"]
                    devices:
                      - {id: t2-pumps, profile: water-pump-set}
                      - {id: t2-lift-a, profile: elevator}
                      - {id: t2-lift-b, profile: elevator}
                  - id: t3
                    devices:
                      - {id: t3-pumps, profile: water-pump-set}
              - id: estate-b
                buildings:
                  - id: t1
                    floors: ["1", "2"]
                    devices:
                      - {id: b-t1-lift, profile: elevator}
            """.getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    // steps far in the future: binding is what is tested, nothing is injected while the test runs
    private static final Drill ENTRAPMENT = new Drill("entrapment-test", Map.of(), Map.of("lift", "elevator"),
            List.of(new Drill.Step("1h", "lift", "entrapment", Map.of("floor", 2))));

    private SimulatedEstate sim;

    @BeforeEach
    void prepare() {
        sim = SimulatedEstate.prepare(YamlDocument.read("estate.yaml", ESTATE), 1, CLOCK);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private DrillRunner.Started start(Optional<String> site, Optional<String> building) {
        return DrillRunner.start(sim, ENTRAPMENT, Map.of(), new DrillRunner.Place(site, building), CLOCK, Duration.ofSeconds(1));
    }

    @Test
    void eachRoleIsPlayedByTheFirstDeviceOfItsKindInTheBuilding() {
        assertThat(start(Optional.empty(), Optional.of("t2")).devices()).containsExactly(Map.entry("lift", "t2-lift-a"));
        assertThat(start(Optional.of("estate-b"), Optional.of("t1")).devices()).containsExactly(Map.entry("lift", "b-t1-lift"));
        assertThat(start(Optional.empty(), Optional.empty()).devices()).as("anywhere: the first of its kind")
                .containsExactly(Map.entry("lift", "t1-lift"));
    }

    @Test
    void aBuildingWithoutTheEquipmentIsUnfitAndAnUnknownOrAmbiguousOneIsABadRequest() {
        assertThatThrownBy(() -> start(Optional.empty(), Optional.of("t3"))).isInstanceOf(DrillRunner.Unfit.class)
                .hasMessageContaining("building 't3' has no simulated elevator for the role 'lift'");
        assertThatThrownBy(() -> start(Optional.empty(), Optional.of("t9"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no building 't9' in the simulated estate");
        assertThatThrownBy(() -> start(Optional.of("estate-b"), Optional.of("t2"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no building 't2' in site 'estate-b'");
        assertThatThrownBy(() -> start(Optional.empty(), Optional.of("t1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("building 't1' is in several sites (estate-a, estate-b)");
        assertThatThrownBy(() -> DrillRunner.start(sim, ENTRAPMENT, Map.of("lift", "t1-lift"),
                new DrillRunner.Place(Optional.of("estate-a"), Optional.of("t2")), CLOCK, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'t1-lift' is not a simulated device of building 't2'");
    }

    @Test
    void twoDrillsOfOneScenarioInTheSameSecondGetTwoIds() {
        String first = start(Optional.empty(), Optional.of("t2")).id();
        String second = start(Optional.empty(), Optional.of("t2")).id();
        assertThat(first).isEqualTo("entrapment-test-20261123T120000");
        assertThat(second).isEqualTo("entrapment-test-20261123T120000-2");
    }
}

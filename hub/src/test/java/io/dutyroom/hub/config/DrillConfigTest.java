package io.dutyroom.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.yaml.InvalidConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill settings and the simulator's control API, from the file and the environment. */
class DrillConfigTest {
    @TempDir
    Path dir;

    @Test
    void withoutSettingsDrillsHaveNoSimulatorAndTheDefaultLimits() {
        HubConfig config = HubConfig.load(Optional.empty(), Map.of());
        assertThat(config.simulation().controlUrl()).isEmpty();
        assertThat(config.simulation().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.drills().acknowledgeWithin()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.drills().abandonAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(config.drills().checkEvery()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theControlUrlAndLimitsComeFromTheFileOrTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("dutyroom.yaml"), """
                simulation:
                  controlUrl: http://127.0.0.1:18099/
                  timeout: 2s
                drills:
                  acknowledgeWithin: 5m
                  abandonAfter: 1h
                """);
        HubConfig config = HubConfig.load(Optional.of(file), Map.of("DUTYROOM_DRILLS_ACKNOWLEDGE_WITHIN", "90s"));
        assertThat(config.simulation().controlUrl()).contains(URI.create("http://127.0.0.1:18099"));
        assertThat(config.simulation().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.drills().acknowledgeWithin()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.drills().abandonAfter()).isEqualTo(Duration.ofHours(1));

        HubConfig fromEnv = HubConfig.load(Optional.empty(), Map.of("DUTYROOM_SIMULATION_CONTROL_URL", "http://sim.estate.local:18099"));
        assertThat(fromEnv.simulation().controlUrl()).contains(URI.create("http://sim.estate.local:18099"));
    }

    @Test
    void aControlUrlThatIsNotHttpIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> HubConfig.load(Optional.empty(), Map.of("DUTYROOM_SIMULATION_CONTROL_URL", "tcp://127.0.0.1:18099")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("environment DUTYROOM_SIMULATION_CONTROL_URL: simulation.controlUrl: must be an http:// URL");
        assertThatThrownBy(() -> HubConfig.load(Optional.empty(), Map.of("DUTYROOM_DRILLS_ABANDON_AFTER", "soon")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("drills.abandonAfter");
    }
}

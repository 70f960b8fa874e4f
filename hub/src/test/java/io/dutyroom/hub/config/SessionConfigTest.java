package io.dutyroom.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.yaml.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The log-in settings: auth.enabled, auth.sessionLifetime, auth.idleTimeout. */
class SessionConfigTest {

    @Test
    void logInIsOnWithShiftLongSessionsByDefault() {
        AuthOptions auth = HubConfig.load(Optional.empty(), Map.of()).auth();

        assertThat(auth.enabled()).isTrue();
        assertThat(auth.sessionLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(auth.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theEnvironmentSetsThem() {
        AuthOptions auth = HubConfig.load(Optional.empty(), Map.of("DUTYROOM_AUTH_ENABLED", "FALSE",
                "DUTYROOM_AUTH_SESSION_LIFETIME", "8h", "DUTYROOM_AUTH_IDLE_TIMEOUT", "1s")).auth();

        assertThat(auth.enabled()).isFalse();
        assertThat(auth.sessionLifetime()).isEqualTo(Duration.ofHours(8));
        assertThat(auth.idleTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void badValuesAreReportedByKey() {
        assertThatThrownBy(() -> HubConfig.load(Optional.empty(), Map.of("DUTYROOM_AUTH_ENABLED", "no", "DUTYROOM_AUTH_IDLE_TIMEOUT", "0s")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("auth.enabled: must be true or false (was 'no')")
                .hasMessageContaining("auth.idleTimeout: must be at least");
    }
}

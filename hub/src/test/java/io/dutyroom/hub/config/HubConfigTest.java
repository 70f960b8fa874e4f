package io.dutyroom.hub.config;

import io.dutyroom.adapters.yaml.Durations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dutyroom.adapters.yaml.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConfigTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("dutyroom.yaml"), yaml);
    }

    @Test
    void defaultsAreZeroSetupOnLoopback() {
        HubConfig config = HubConfig.load(Optional.empty(), Map.of());

        assertThat(config.embeddedBroker()).isTrue();
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.mqtt().port()).isEqualTo(1883);
        assertThat(config.mqtt().topicRoot()).isEqualTo("dutyroom/v1");
        assertThat(config.estate()).isEmpty();
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        Path f = file("""
                http:
                  port: 9000
                mqtt:
                  receiveMaximum: 50
                """);

        HubConfig config = HubConfig.load(Optional.of(f), Map.of(
                "DUTYROOM_HTTP_PORT", "9100",
                "DUTYROOM_MQTT_URL", "tcp://broker.estate.local:1883",
                "DUTYROOM_DB_URL", "jdbc:postgresql://db.estate.local:5432/dutyroom",
                "DUTYROOM_DB_USER", "hub",
                "DUTYROOM_DATA_DIR", "/var/lib/dutyroom"));

        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.mqtt().receiveMaximum()).isEqualTo(50);
        assertThat(config.embeddedBroker()).isFalse();
        assertThat(config.db().user()).isEqualTo("hub");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/dutyroom"));
    }

    @Test
    void relativePathsResolveAgainstTheConfigFile() throws IOException {
        HubConfig config = HubConfig.load(Optional.of(file("estate: estate.yaml\ndataDir: state\n")), Map.of());

        assertThat(config.estate()).contains(dir.resolve("estate.yaml"));
        assertThat(config.dataDir()).isEqualTo(dir.resolve("state"));
    }

    @Test
    void everyProblemIsReportedWithFileLineAndKey() throws IOException {
        Path f = file("""
                http:
                  port: 99999
                mqtt:
                  url: mqtt.example
                  recieveMaximum: 10
                storage:
                  retention: forever
                """);

        assertThatThrownBy(() -> HubConfig.load(Optional.of(f), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsExactlyInAnyOrder(
                        f + ":2: http.port: must be between 0 and 65535 (was 99999)",
                        f + ":4: mqtt.url: must look like tcp://host:1883 or ssl://host:8883 (was 'mqtt.example')",
                        f + ":7: storage.retention: must be a duration like 500ms, 30s, 5m, 2h or 7d (was 'forever')",
                        f + ":5: mqtt.recieveMaximum: unknown key"));
    }

    @Test
    void aSectionWithEveryKeyCommentedOutIsEmptyNotWrong() throws IOException {
        Path f = file("""
                db:
                  # url: jdbc:postgresql://127.0.0.1:5432/dutyroom
                workOrders:
                http:
                  port: 8081
                """);

        HubConfig config = HubConfig.load(Optional.of(f), Map.of());

        assertThat(config.http().port()).isEqualTo(8081);
        assertThat(config.embeddedDatabase()).isTrue();
    }

    @Test
    void aSectionGivenASingleValueSaysItWantsKeys() throws IOException {
        Path f = file("""
                mqtt: tcp://broker:1883
                """);

        assertThatThrownBy(() -> HubConfig.load(Optional.of(f), Map.of()))
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).singleElement().asString()
                        .startsWith(f + ":1: mqtt: must be a section of keys (such as mqtt."));
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        assertThatThrownBy(() -> HubConfig.load(Optional.empty(), Map.of("DUTYROOM_HTTP_PORT", "eighty")))
                .hasMessage("environment DUTYROOM_HTTP_PORT: http.port: must be a whole number (was 'eighty')");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() throws IOException {
        Path f = file("http:\n  port: 80\n   host: x\n");

        assertThatThrownBy(() -> HubConfig.load(Optional.of(f), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(f + ":3: not valid YAML");
    }

    @Test
    void aSectionWhereAValueBelongsIsAnError() throws IOException {
        Path f = file("db:\n  url:\n    host: x\n");

        assertThatThrownBy(() -> HubConfig.load(Optional.of(f), Map.of()))
                .hasMessageContaining(f + ":3: db.url: must be a single value, not a section");
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(ConfigSource.envName("mqtt.receiveMaximum")).isEqualTo("DUTYROOM_MQTT_RECEIVE_MAXIMUM");
        assertThat(ConfigSource.envName("db.url")).isEqualTo("DUTYROOM_DB_URL");
        assertThat(ConfigSource.envName("dataDir")).isEqualTo("DUTYROOM_DATA_DIR");
    }

    @Test
    void durationsTakeShortAndIsoForms() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("7d")).contains(Duration.ofDays(7));
        assertThat(Durations.parse("PT5M")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("5 minutes")).isEmpty();
    }
}

package io.dutyroom.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as an estate's IT person installs it: unpacked, started with its own
 * launcher and its example configuration, under a service's bare environment (no LANG).
 */
class DistributionIT {
    @TempDir
    Path dir;

    @Test
    void theUnpackedArchiveRunsWithItsExampleConfiguration() throws Exception {
        Path archive;
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            archive = built.filter(p -> p.getFileName().toString().matches("dutyroom-.*-dist\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no distribution archive in target/ (mvn package builds it)"));
        }
        assertThat(new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", dir.toString()).inheritIO().start()
                .waitFor()).isZero();
        Path home;
        try (Stream<Path> unpacked = Files.list(dir)) {
            home = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(home.resolve("bin/dutyroom")).isExecutable();
        assertThat(home.resolve("conf/dutyroom.yaml")).content(StandardCharsets.UTF_8).contains("# Dutyroom hub configuration");
        assertThat(home.resolve("systemd/dutyroom.service")).content(StandardCharsets.UTF_8)
                .contains("ExecStart=/opt/dutyroom/bin/dutyroom run --config /etc/dutyroom/dutyroom.yaml").contains("Restart=always");
        assertThat(home.resolve("lib/dutyroom-hub.jar")).exists();

        HubFixture settings = new HubFixture(); // its environment only: schema, topic root, the test's services
        ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/dutyroom").toString(), "run", "--config",
                home.resolve("conf/dutyroom.yaml").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        launcher.environment().clear(); // a service's environment: no LANG, no DUTYROOM_* but its own
        launcher.environment().put("PATH", System.getenv("PATH"));
        launcher.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        launcher.environment().putAll(settings.env);
        launcher.environment().remove("DUTYROOM_AUTH_ENABLED"); // the example's own setting: log-in on
        launcher.environment().put("DUTYROOM_HTTP_PORT", "0");
        launcher.environment().put("DUTYROOM_DATA_DIR", dir.resolve("data").toString());
        launcher.environment().put("DUTYROOM_JAVA_OPTS", "-Xmx256m");
        Process hub = launcher.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> out().contains("Dutyroom hub ready") || !hub.isAlive());
            assertThat(hub.isAlive()).as(out()).isTrue();
            assertThat(out()).as("the example turns log-in on: the first admin's one-time password is shown").contains("admin");
            Matcher url = Pattern.compile("Health (http://\\S+)/health").matcher(out());
            assertThat(url.find()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1) + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        } finally {
            hub.destroy();
            assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(out()).doesNotContain(" ERROR ");
    }

    private String out() throws Exception {
        File log = dir.resolve("out.log").toFile();
        return log.exists() ? Files.readString(log.toPath(), StandardCharsets.UTF_8) : "";
    }
}

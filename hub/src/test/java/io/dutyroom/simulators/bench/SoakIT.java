package io.dutyroom.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The soak run for real, small: the hub (the built jar) under seconds of steady and double load
 * from the many-devices shape through a private Mosquitto, killed with SIGKILL, a backlog of 5,000
 * messages queued while it is down, and restarted on the same schema and session. It proves the
 * counting (every acknowledged reading stored, none twice), the phases, the samples, the results,
 * the report and the plot; memory is not asserted. Needs the hub jar, the {@code mosquitto} binary
 * and {@code DUTYROOM_TEST_DB_URL}; skipped without the last two unless
 * {@code DUTYROOM_TEST_BENCH=required} (CI), where their absence fails it.
 *
 * <p>It lives in the hub module, in the soak's package, because it runs the packaged hub: the
 * simulators module is built before the hub (whose demo runs the simulated estate), so only the
 * hub's integration tests find the hub jar in a clean build.
 */
class SoakIT {
    @TempDir
    Path out;

    @Test
    void aKilledHubRestartsAndStoresEveryAcknowledgedReadingOnceAndTheSoakSaysSo() throws Exception {
        String db = System.getenv("DUTYROOM_TEST_DB_URL");
        boolean mosquitto = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "mosquitto")));
        if ("required".equals(System.getenv("DUTYROOM_TEST_BENCH"))) {
            assertThat(db).as("DUTYROOM_TEST_DB_URL").isNotNull();
            assertThat(mosquitto).as("a mosquitto binary on the PATH").isTrue();
        } else {
            assumeTrue(db != null && mosquitto, "the soak needs a mosquitto binary and DUTYROOM_TEST_DB_URL (DUTYROOM_TEST_BENCH=required to insist)");
        }
        Path repo = Path.of("").toAbsolutePath().getParent(); // the tests run in the hub module's directory
        assertThat(repo.resolve("hub/target/dutyroom-hub.jar")).as("the hub jar (mvn -DskipTests package -pl hub -am)").exists();

        int exit = new CommandLine(new SoakBench()).execute("--shape", "many", "--broker", "mosquitto", "--rate", "500",
                "--steady-minutes", "0.15", "--double-minutes", "0.1", "--backlog", "5000", "--backlog-rate", "2000", "--sample-seconds", "1",
                "--drain-limit", "60", "--db-url", db, "--db-user", System.getenv().getOrDefault("DUTYROOM_TEST_DB_USER", "postgres"),
                "--broker-port", Integer.toString(freePort()), "--hub-port", Integer.toString(freePort()), "--repo", repo.toString(),
                "--out", out.toString());

        assertThat(exit).as("exit status; see " + out).isZero();
        JsonNode soak = new ObjectMapper().readTree(out.resolve("soak.json").toFile());
        assertThat(soak.get("passed").asBoolean()).isTrue();
        long acknowledged = soak.get("acknowledged").asLong();
        assertThat(acknowledged).as("9 s at 500/s, 6 s at 1,000/s and the backlog").isGreaterThan(12_000);
        assertThat(soak.get("stored").asLong()).as("every acknowledged reading a row").isEqualTo(acknowledged);
        assertThat(soak.get("duplicates").asLong()).isZero();
        assertThat(soak.get("lost").asLong()).isZero();
        List<String> phases = new ArrayList<>();
        soak.get("phases").forEach(p -> phases.add(p.get("name").asText()));
        assertThat(phases).containsExactly("steady", "double", "backlog", "restart");
        long sum = 0;
        for (JsonNode p : soak.get("phases")) {
            sum += p.get("acknowledged").asLong();
            assertThat(p.get("failedMessages").asLong()).isZero();
        }
        assertThat(sum).as("the phases add up").isEqualTo(acknowledged);
        JsonNode steady = soak.get("phases").get(0);
        assertThat(steady.get("maxHeapMiB").asDouble()).as("heap sampled").isPositive();
        assertThat(steady.get("maxRssMiB").asDouble()).as("RSS sampled").isPositive();
        assertThat(soak.get("backlogMessagesAtRestart").asLong()).as("about the backlog asked for").isBetween(4_000L, 7_000L);
        assertThat(soak.get("restartReadySeconds").asDouble()).isPositive();
        assertThat(soak.get("drainSeconds").asDouble()).isGreaterThanOrEqualTo(soak.get("restartReadySeconds").asDouble());

        List<String> samples = Files.readAllLines(out.resolve("samples.csv"));
        assertThat(samples.get(0)).startsWith("elapsed_s,phase,heap_mib,writer_lag_s,rss_mib");
        for (String phase : phases) {
            assertThat(samples).as("samples in " + phase).anyMatch(line -> line.split(",")[1].equals(phase));
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("| steady |", "| restart |", "**Passed**");
        BufferedImage plot = ImageIO.read(out.resolve("heap.png").toFile());
        assertThat(plot.getWidth()).isEqualTo(900);
        assertThat(plot.getHeight()).isEqualTo(560);
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}

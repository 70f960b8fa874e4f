package io.dutyroom.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The benchmark run for real, small: the bare pipeline's step test on the wide load, through a
 * private Mosquitto started from the machine's binary, into the test PostgreSQL. It proves the
 * counting (every reading published is a row), the report and the plot; speed is not asserted.
 * Needs the {@code mosquitto} binary and {@code DUTYROOM_TEST_DB_URL}; skipped without them unless
 * {@code DUTYROOM_TEST_BENCH=required} (CI), where their absence fails it.
 */
class IngestBenchIT {
    @TempDir
    Path out;

    @Test
    void theBarePipelineStoresEveryReadingOfEveryStepAndTheReportAndPlotSaySo() throws Exception {
        String db = System.getenv("DUTYROOM_TEST_DB_URL");
        boolean mosquitto = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "mosquitto")));
        if ("required".equals(System.getenv("DUTYROOM_TEST_BENCH"))) {
            assertThat(db).as("DUTYROOM_TEST_DB_URL").isNotNull();
            assertThat(mosquitto).as("a mosquitto binary on the PATH").isTrue();
        } else {
            assumeTrue(db != null && mosquitto, "the benchmark needs a mosquitto binary and DUTYROOM_TEST_DB_URL (DUTYROOM_TEST_BENCH=required to insist)");
        }
        int brokerPort;
        try (ServerSocket free = new ServerSocket(0)) {
            brokerPort = free.getLocalPort();
        }
        Path repo = Path.of("").toAbsolutePath().getParent(); // the tests run in the simulators module's directory

        int exit = new CommandLine(new IngestBench()).execute("--runs", "1", "--shapes", "wide", "--qos", "1", "--ingesters", "bare",
                "--start", "1300", "--max", "2600", "--refine", "0", "--step-seconds", "2", "--latency-samples", "0",
                "--db-url", db, "--db-user", System.getenv().getOrDefault("DUTYROOM_TEST_DB_USER", "postgres"),
                "--broker-port", Integer.toString(brokerPort), "--repo", repo.toString(), "--out", out.toString());

        assertThat(exit).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(out)) {
            run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> steps = Files.readAllLines(run.resolve("steps.jsonl")).stream().map(line -> {
            try {
                return json.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        assertThat(steps).extracting(s -> s.get("offeredReadings").asInt()).containsExactly(1300, 2600);
        for (JsonNode step : steps) {
            assertThat(step.get("ingester").asText()).isEqualTo("bare");
            assertThat(step.get("sent").asLong()).as("2 s of 13-value messages").isGreaterThan(1000);
            assertThat(step.get("stored").asLong()).as("every reading a row").isEqualTo(step.get("sent").asLong());
        }
        String report = Files.readString(run.resolve("report.md"));
        int lastSustained = steps.stream().filter(s -> s.get("sustained").asBoolean()).mapToInt(s -> s.get("offeredReadings").asInt()).max().orElse(0);
        assertThat(report).contains("| wide | QoS 1 | " + String.format(java.util.Locale.ROOT, "%,d", lastSustained) + " | – | – |");
        BufferedImage plot = ImageIO.read(run.resolve("step-wide-qos1.png").toFile());
        assertThat(plot.getWidth()).isEqualTo(900);
        assertThat(plot.getHeight()).isEqualTo(560);
    }
}

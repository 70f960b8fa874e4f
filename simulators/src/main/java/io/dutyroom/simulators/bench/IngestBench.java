package io.dutyroom.simulators.bench;

import io.dutyroom.simulators.load.LoadPlan;
import io.dutyroom.simulators.load.LoadRun;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The end-to-end ingest benchmark, in one invocation and one report: for each run, each load shape
 * and each QoS, the bare pipeline (the ceiling), Dutyroom and the Node-RED peer each take a step
 * test from the same load generator through the same private Mosquitto into the same PostgreSQL,
 * one at a time; Dutyroom's latencies are measured at rest and at half its last sustainable rate.
 * Writes every step as a JSON line, the Markdown report and the step-test plot to {@code --out}.
 */
@Command(name = "bench", description = "End-to-end ingest benchmark: ceiling, Dutyroom and the Node-RED peer under the same load (loopback only).")
public final class IngestBench implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "3", description = "Repetitions of the whole matrix (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--shapes", split = ",", defaultValue = "many,wide", description = "Loads: many (10,000 devices × 2 points), wide (20 devices × 13 points) (default: ${DEFAULT-VALUE}).")
    List<String> shapes;

    @Option(names = "--qos", split = ",", defaultValue = "1,0", description = "QoS levels (default: ${DEFAULT-VALUE}).")
    List<Integer> qosLevels;

    @Option(names = "--ingesters", split = ",", defaultValue = "bare,dutyroom,peer", description = "Who ingests: bare, dutyroom, peer, and bare-indexed (the bare pipeline with the hub's index) (default: ${DEFAULT-VALUE}).")
    List<String> ingesters;

    @Option(names = "--start", defaultValue = "2000", description = "First step, readings/s (default: ${DEFAULT-VALUE}).")
    int start;

    @Option(names = "--max", defaultValue = "512000", description = "Highest step, readings/s (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--refine", defaultValue = "2", description = "Bisections after the first failed step (default: ${DEFAULT-VALUE}).")
    int refine;

    @Option(names = "--step-seconds", defaultValue = "10", description = "Publishing time per step (default: ${DEFAULT-VALUE}).")
    int stepSeconds;

    @Option(names = "--max-drain", defaultValue = "2", description = "Seconds after the last publish within which all must be stored (default: ${DEFAULT-VALUE}).")
    double maxDrain;

    @Option(names = "--drain-limit", defaultValue = "20", description = "Seconds to wait for the last rows before counting them lost (default: ${DEFAULT-VALUE}).")
    double drainLimit;

    @Option(names = "--latency-samples", defaultValue = "200", description = "Latency samples at rest and at half load, per run; 0 for none (default: ${DEFAULT-VALUE}).")
    int latencySamples;

    @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test", description = "PostgreSQL (default: ${DEFAULT-VALUE}).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--broker-port", defaultValue = "18830", description = "Port of the private Mosquitto (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--hub-port", defaultValue = "18181", description = "The hub's HTTP port (default: ${DEFAULT-VALUE}).")
    int hubPort;

    @Option(names = "--repo", defaultValue = ".", description = "The built source tree (default: the current directory).")
    Path repo;

    @Option(names = "--out", defaultValue = "target/bench", description = "Where results, logs, report and plot go (default: ${DEFAULT-VALUE}).")
    Path out;

    private final List<StepResult> steps = new ArrayList<>();
    private final List<LatencyProbe.Latencies> latencies = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!dbUrl.startsWith("jdbc:postgresql://127.0.0.1") && !dbUrl.startsWith("jdbc:postgresql://localhost")) {
            System.err.println("bench: loopback only; --db-url must point at 127.0.0.1 or localhost");
            return 2;
        }
        List<LoadShape> loads = shapes.stream().map(LoadShape::of).toList();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = Files.createDirectories(out.resolve(stamp));
        BenchSetup setup = new BenchSetup(repo, repo.resolve("hub/target/dutyroom-hub.jar"), repo.resolve("simulators/target/dutyroom-simulators.jar"),
                repo.resolve("bench/node-red/run.sh"), dbUrl, dbUser, brokerPort, hubPort, work);
        // only what the chosen ingesters run: the bare pipeline is this module's jar, Dutyroom the hub's
        List<Path> jars = new ArrayList<>();
        if (ingesters.stream().anyMatch(i -> i.startsWith("bare"))) {
            jars.add(setup.simulatorsJar());
        }
        if (ingesters.contains("dutyroom")) {
            jars.add(setup.hubJar());
        }
        for (Path needed : jars) {
            if (!Files.exists(needed)) {
                System.err.println("bench: " + needed + " is missing: build first (mvn -DskipTests package)");
                return 2;
            }
        }
        StepTest.Settings settings = new StepTest.Settings(start, max, refine, stepSeconds, maxDrain, drainLimit);
        try (PrintWriter results = new PrintWriter(Files.newBufferedWriter(work.resolve("steps.jsonl"), StandardCharsets.UTF_8), true);
             Connection db = setup.database()) {
            for (int run = 1; run <= runs; run++) {
                try (PrivateBroker broker = PrivateBroker.start(brokerPort, work)) {
                    StepTest test = new StepTest(settings, db, broker.pid(), step -> {
                        steps.add(step);
                        results.println(step.toJson());
                        System.out.println(line(step));
                    });
                    for (LoadShape shape : loads) {
                        for (int qos : qosLevels) {
                            for (String name : ingesters) {
                                runOne(setup, test, run, shape, qos, name, results);
                            }
                        }
                    }
                }
            }
        }
        String report = new BenchReport(steps, latencies).markdown();
        Files.writeString(work.resolve("report.md"), report);
        for (LoadShape shape : loads) {
            for (int qos : qosLevels) {
                List<StepResult> mine = steps.stream().filter(s -> s.shape().equals(shape.code()) && s.qos() == qos).toList();
                if (!mine.isEmpty()) {
                    StepPlot.write(mine, "Step test: " + shape.code() + " load, QoS " + qos + ", " + runs + " runs",
                            work.resolve("step-" + shape.code() + "-qos" + qos + ".png"));
                }
            }
        }
        System.out.println();
        System.out.println(report);
        System.out.println("results, logs, report and plots: " + work);
        return 0;
    }

    private void runOne(BenchSetup setup, StepTest test, int run, LoadShape shape, int qos, String name, PrintWriter results) throws Exception {
        String schema = "bench_" + name.replace("-", "_") + "_" + shape.code() + "_q" + qos + "_r" + run;
        LoadPlan plan = new LoadPlan(setup.brokerUrl(), "dutyroom/v1", LoadShape.SITE, shape.prefix(), shape.devices(), shape.pointValues(), 0,
                1, 1, qos, 4, 500);
        System.out.printf(Locale.ROOT, "run %d, %s load, QoS %d: %s%n", run, shape.code(), qos, name);
        try (Ingester ingester = switch (name) {
            case "bare" -> BareIngester.start(setup, schema, false);
            case "bare-indexed" -> BareIngester.start(setup, schema, true);
            case "dutyroom" -> HubIngester.start(setup, shape, schema);
            case "peer" -> PeerIngester.start(setup, schema, qos);
            default -> throw new IllegalArgumentException("unknown ingester " + name + " (bare, dutyroom, peer or bare-indexed)");
        }) {
            List<StepResult> mine = test.search(run, shape, ingester, plan);
            if (ingester instanceof HubIngester hub && shape == LoadShape.MANY && qos == 1 && latencySamples > 0) {
                latency(setup, hub, plan, StepTest.lastSustained(mine) / 2, results);
            }
        }
    }

    /** Latencies on this hub at rest, then under half its last sustainable rate from the load generator. */
    private void latency(BenchSetup setup, HubIngester hub, LoadPlan plan, int halfReadings, PrintWriter results) throws Exception {
        int samples = Math.min(latencySamples, (HubIngester.PROBE_DEVICES - 40) / 2);
        try (LatencyProbe probe = new LatencyProbe(hub.port(), setup.brokerUrl())) {
            probe.prepare();
            record(probe.measure("at rest", 20, samples), results);
            if (halfReadings > 0) {
                LoadRun background = new LoadRun(plan.at(Math.max(1, halfReadings / plan.valuesPerMessage()), 600));
                CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                    try {
                        background.run();
                    } catch (Exception e) {
                        System.err.println("bench: background load failed: " + e.getMessage());
                    }
                });
                try {
                    Thread.sleep(3000); // let the background load reach its rate before sampling
                    System.out.printf(Locale.ROOT, "latency at half of the last sustainable rate: %,d readings/s%n", halfReadings);
                    record(probe.measure("half of the last sustainable rate", 20, samples), results);
                } finally {
                    background.stop();
                    running.join();
                }
            }
        }
    }

    private void record(LatencyProbe.Latencies l, PrintWriter results) {
        latencies.add(l);
        results.println(l.toJson());
        System.out.println("latency " + l.toJson());
    }

    private static String line(StepResult s) {
        return String.format(Locale.ROOT, "  %-8s %7d readings/s: stored %d of %d, drain %.1f s, %.0f stored/s, CPU %.0f%% (broker %.0f%%, pg %.0f%%)%s%s",
                s.ingester(), s.offeredReadings(), s.stored(), s.sent(), s.drainSeconds(), s.storedPerSecond(), s.cpu().ingester(), s.cpu().broker(),
                s.cpu().postgres(), s.heapMiB() > 0 ? String.format(Locale.ROOT, ", heap %.0f MiB, lag %.2f s", s.heapMiB(), s.lagSeconds()) : "",
                s.sustained() ? "" : "  NOT SUSTAINED");
    }
}

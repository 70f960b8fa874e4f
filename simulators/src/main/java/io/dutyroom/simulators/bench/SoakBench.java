package io.dutyroom.simulators.bench;

import io.dutyroom.simulators.load.LoadPlan;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak benchmark: whether the hub's memory stays bounded under sustained load, through double
 * load, a backlog and a kill -9, and whether the restart then stores every reading the broker
 * acknowledged, once. One hub, heap capped at 512 MiB, sampled throughout; writes
 * {@code samples.csv}, {@code soak.json}, {@code report.md} and {@code heap.png} to {@code --out}.
 * Exits 0 only if stored equals acknowledged, nothing is stored twice and the hub never exited on
 * its own (an OutOfMemoryError exits it).
 */
@Command(name = "soak", mixinStandardHelpOptions = true, description = "Soak benchmark: steady load, double load, a backlog and a kill -9, then a restart; "
        + "the hub's heap, RSS and GC sampled throughout (loopback only).")
public final class SoakBench implements Callable<Integer> {
    @Option(names = "--shape", defaultValue = "many", description = "Load: many (10,000 devices × 2 points) or wide (20 devices × 13 points) (default: ${DEFAULT-VALUE}).")
    String shape;

    @Option(names = "--broker", defaultValue = "mosquitto", description = "mosquitto (a private one from the machine's binary) or embedded "
            + "(the hub's own HiveMQ CE) (default: ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = "--rate", required = true, description = "Readings/s of the steady phase; the double phase offers twice as many.")
    int rate;

    @Option(names = "--steady-minutes", defaultValue = "30", description = "Length of the steady phase; fractions allowed (default: ${DEFAULT-VALUE}).")
    double steadyMinutes;

    @Option(names = "--double-minutes", defaultValue = "10", description = "Length of the double-rate phase; fractions allowed (default: ${DEFAULT-VALUE}).")
    double doubleMinutes;

    @Option(names = "--backlog", defaultValue = "1000000", description = "Messages acknowledged by the broker and not stored when the hub is killed "
            + "and restarted (default: ${DEFAULT-VALUE}).")
    long backlog;

    @Option(names = "--backlog-rate", description = "Readings/s while the backlog builds; with the embedded broker it must outpace the hub "
            + "(default: 4 × --rate).")
    Integer backlogRate;

    @Option(names = "--sample-seconds", defaultValue = "5", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    double sampleSeconds;

    @Option(names = "--drain-limit", defaultValue = "1800", description = "Seconds after the restart to wait for every acknowledged reading "
            + "before counting the rest lost (default: ${DEFAULT-VALUE}).")
    int drainLimit;

    @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test", description = "PostgreSQL (default: ${DEFAULT-VALUE}).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--broker-port", defaultValue = "18830", description = "Port of the private Mosquitto; the embedded broker takes a free one "
            + "(default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--hub-port", defaultValue = "18181", description = "The hub's HTTP port (default: ${DEFAULT-VALUE}).")
    int hubPort;

    @Option(names = "--repo", defaultValue = ".", description = "The built source tree (default: the current directory).")
    Path repo;

    @Option(names = "--out", description = "Where samples, results, report, plot and logs go (default: target/bench/soak-<time>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!dbUrl.startsWith("jdbc:postgresql://127.0.0.1") && !dbUrl.startsWith("jdbc:postgresql://localhost")) {
            System.err.println("soak: loopback only; --db-url must point at 127.0.0.1 or localhost");
            return 2;
        }
        LoadShape load;
        try {
            load = LoadShape.of(shape);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            return 2;
        }
        if (!broker.equals("mosquitto") && !broker.equals("embedded")) {
            System.err.println("soak: unknown broker " + broker + " (mosquitto or embedded)");
            return 2;
        }
        int backlogReadings = backlogRate == null ? 4 * rate : backlogRate;
        if (rate < 1 || backlogReadings < 1 || steadyMinutes < 0 || doubleMinutes < 0 || backlog < 0 || sampleSeconds <= 0 || drainLimit < 1) {
            System.err.println("soak: --rate, --backlog-rate and --drain-limit >= 1; --steady-minutes, --double-minutes and --backlog >= 0; --sample-seconds > 0");
            return 2;
        }
        Path hubJar = repo.resolve("hub/target/dutyroom-hub.jar");
        if (!Files.exists(hubJar)) {
            System.err.println("soak: " + hubJar + " is missing: build first (mvn -DskipTests package -pl hub -am)");
            return 2;
        }
        boolean embedded = broker.equals("embedded");
        Path work = Files.createDirectories(out != null ? out
                : Path.of("target", "bench", "soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        int port = embedded ? freePort() : brokerPort;
        BenchSetup setup = new BenchSetup(repo, hubJar, repo.resolve("simulators/target/dutyroom-simulators.jar"), repo.resolve("bench/node-red/run.sh"),
                dbUrl, dbUser, port, hubPort, work);
        SoakRun.Settings settings = new SoakRun.Settings(load, broker, rate, backlogReadings, minutes(steadyMinutes), minutes(doubleMinutes), backlog,
                sampleSeconds, Duration.ofSeconds(drainLimit));
        System.out.printf(Locale.ROOT, "soak: %s load, %s broker on port %d, %,d readings/s, backlog %,d messages; results in %s%n", load.code(), broker,
                port, rate, backlog, work);

        SoakRun.Result result = run(setup, settings, embedded);

        SoakReport report = new SoakReport(settings, result);
        Files.writeString(work.resolve("soak.json"), report.json());
        String markdown = report.markdown();
        Files.writeString(work.resolve("report.md"), markdown);
        HeapPlot.write(result.samples(), result.phases(), result.killSeconds(), String.format(Locale.ROOT, "Soak: %s load, %s broker, %,d readings/s", load.code(), broker, rate),
                work.resolve("heap.png"));
        System.out.println();
        System.out.println(markdown);
        System.out.println("samples, results, report, plot and logs: " + work);
        if (!result.passed()) {
            System.err.println("soak: FAILED: " + String.join("; ", result.failures()));
            return 1;
        }
        return 0;
    }

    /**
     * The soak itself, on a fresh schema. The publisher's connections: the private Mosquitto allows
     * 1,000 messages in flight per client, and the load keeps 500, as in the ingest benchmark; the
     * embedded broker allows 100 (its receive maximum), which a client must not exceed.
     */
    private static SoakRun.Result run(BenchSetup setup, SoakRun.Settings settings, boolean embedded) throws Exception {
        LoadShape shape = settings.shape();
        LoadPlan plan = new LoadPlan(setup.brokerUrl(), "dutyroom/v1", LoadShape.SITE, shape.prefix(), shape.devices(), shape.pointValues(), 0,
                1, 1, 1, 4, embedded ? 100 : 500);
        String schema = "soak_" + shape.code() + "_" + settings.broker();
        // no queue limit at the private broker: a limit would drop the backlog's excess, and the soak count it lost
        try (PrivateBroker broker = embedded ? null : PrivateBroker.start(setup.brokerPort(), setup.work(), 0);
             Connection db = setup.database();
             Connection samplerDb = setup.database()) {
            dropSchema(db, schema);
            try (SoakHub hub = SoakHub.start(setup, shape, schema, embedded ? setup.brokerPort() : 0)) {
                return new SoakRun(settings, hub, new SoakLoad(plan), db).run(broker == null ? 0 : broker.pid(),
                        setup.work().resolve("samples.csv"));
            }
        }
    }

    /** A schema left by a soak that was stopped halfway would add its rows to this one's. */
    private static void dropSchema(Connection db, String schema) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static Duration minutes(double minutes) {
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}

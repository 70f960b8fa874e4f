package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ceiling: {@link BarePipeline} in its own JVM, with the same heap cap as the hub. */
final class BareIngester extends ProcessIngester {
    private final boolean indexed;

    private BareIngester(ChildProcess process, String schema, BenchSetup setup, boolean indexed) {
        super(process, schema, setup);
        this.indexed = indexed;
    }

    /**
     * @param indexed with the hub's telemetry index on its table: not the ceiling, but what tells the
     *                index's cost from the code's
     */
    static BareIngester start(BenchSetup setup, String schema, boolean indexed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", setup.simulatorsJar().toString(), "bare-ingest",
                "--url", setup.brokerUrl(), "--db-url", setup.dbUrl(), "--db-user", setup.dbUser(), "--schema", schema));
        if (indexed) {
            command.add("--index");
        }
        ChildProcess child = ChildProcess.start("bare-" + schema, command, Map.of(), setup.work(), "BARE READY", Duration.ofSeconds(30));
        return new BareIngester(child, schema, setup, indexed);
    }

    @Override
    public String name() {
        return indexed ? "bare-indexed" : "bare";
    }

    @Override
    String tableName() {
        return "bare_telemetry";
    }
}

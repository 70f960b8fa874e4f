package io.dutyroom.simulators.estate;

import io.dutyroom.adapters.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dutyroom-sim estate}: run the simulated estate of an estate file against a broker. */
@Command(name = "estate", description = "Simulate every device of an estate file over MQTT until stopped.")
public final class EstateCommand implements Callable<Integer> {
    @Option(names = "--estate", required = true, description = "The estate registry file (the hub's).")
    Path estate;

    @Option(names = "--url", defaultValue = "tcp://127.0.0.1:1883", description = "Broker URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--topic-root", defaultValue = "dutyroom/v1", description = "Topic root (default: ${DEFAULT-VALUE}).")
    String topicRoot;

    @Option(names = "--period", defaultValue = "PT2S", description = "Telemetry period, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration period;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed replays the same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--control-port", defaultValue = "18099", description = "Port of the control API on 127.0.0.1, 0 for none (default: ${DEFAULT-VALUE}).")
    int controlPort;

    @Override
    public Integer call() throws Exception {
        YamlDocument doc = YamlDocument.read(estate.toString(), Files.readAllBytes(estate));
        CountDownLatch stopped = new CountDownLatch(1);
        SimulatedEstate sim = SimulatedEstate.start(doc, new SimulatedEstate.Options(url, topicRoot, period, seed, "sim-"), Clock.systemUTC());
        ControlServer control = controlPort == 0 ? null : ControlServer.start(sim, controlPort, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (control != null) {
                control.close();
            }
            sim.close();
            stopped.countDown();
        }));
        System.out.println("simulating " + sim.size() + " devices" + (control == null ? "" : "; control API at http://127.0.0.1:" + control.port())
                + "; stop with Ctrl+C");
        stopped.await();
        return 0;
    }
}

package io.dutyroom.simulators.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Publishes telemetry of the v1 contract at a fixed rate from many simulated devices, for
 * benchmarks. Prints one JSON line with what was offered and acknowledged, so a benchmark script can
 * compare it with what the hub stored.
 */
@Command(name = "load", description = "Publish telemetry at a fixed rate for a fixed time (loopback benchmarks only).")
public final class LoadGenerator implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "tcp://127.0.0.1:1883", description = "Broker URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--topic-root", defaultValue = "dutyroom/v1", description = "Topic root (default: ${DEFAULT-VALUE}).")
    String topicRoot;

    @Option(names = "--site", defaultValue = "load", description = "Site id (default: ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--devices", defaultValue = "10", description = "Simulated devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--points", defaultValue = "1", description = "Values per message, named p0, p1, … (default: ${DEFAULT-VALUE}); ignored with --value.")
    int points;

    @Option(names = "--value", description = "A point and its base value, e.g. --value outlet_pressure=0.45 --value pump1_running=true; "
            + "numbers vary by up to 1 %% per message. Use the points of the devices' profile so the hub's rules see them.")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--rate", defaultValue = "1000", description = "Messages per second, all devices together (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--rate-per-device", description = "Messages per second from each device instead; overrides --rate.")
    Double ratePerDevice;

    @Option(names = "--seconds", defaultValue = "10", description = "How long to publish, at most 600 (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--qos", defaultValue = "1", description = "0 or 1 (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "--clients", defaultValue = "2", description = "Publisher connections (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--inflight", defaultValue = "20", description = "Unacknowledged QoS 1 publishes per connection, at most the broker's receive maximum (Mosquitto: 20; default: ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--prefix", defaultValue = "load", description = "Device id prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Override
    public Integer call() throws Exception {
        if (ratePerDevice != null) {
            rate = (int) Math.round(ratePerDevice * devices);
        }
        LoadPlan plan;
        try {
            plan = new LoadPlan(url, topicRoot, site, prefix, devices, values, points, rate, seconds, qos, clients, inflight);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        LoadResult result = new LoadRun(plan).run();
        System.out.println(result.toJson());
        return result.failed() == 0 ? 0 : 1;
    }
}

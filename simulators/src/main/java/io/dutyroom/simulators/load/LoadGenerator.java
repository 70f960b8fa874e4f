package io.dutyroom.simulators.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Publishes telemetry of the v1 contract at a fixed rate from many simulated devices, for
 * benchmarks. Paced in 10 ms ticks; prints one JSON line with what was offered and acknowledged,
 * so a benchmark script can compare it with what the hub stored.
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

    @Option(names = "--points", defaultValue = "1", description = "Values per message (default: ${DEFAULT-VALUE}).")
    int points;

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
        if (seconds < 1 || seconds > 600 || rate < 1 || devices < 1 || points < 1 || clients < 1 || (qos != 0 && qos != 1)) {
            System.err.println("load: --seconds 1..600, --rate, --devices, --points, --clients >= 1, --qos 0 or 1");
            return 2;
        }
        if (!url.matches("tcp://(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\]):\\d+")) {
            System.err.println("load: benchmarks run on loopback only; --url must be tcp://127.x.x.x:port or localhost");
            return 2;
        }
        List<MqttAsyncClient> connections = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            MqttAsyncClient c = new MqttAsyncClient(url, prefix + "-pub-" + i + "-" + ProcessHandle.current().pid(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setMaxReconnectDelay(1000);
            c.connect(o).waitForCompletion(10_000);
            connections.add(c);
            windows.add(new Semaphore(inflight));
        }
        AtomicLong offered = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long tickNanos = 10_000_000L;
        double perTick = rate / 100.0;
        double due = 0;
        long next = start;
        long sequence = 0;
        while (System.nanoTime() < end) {
            due += perTick;
            while (due >= 1) {
                due -= 1;
                int device = (int) (sequence % devices);
                int conn = device % clients;
                publish(connections.get(conn), windows.get(conn), device, sequence, acknowledged, failed);
                offered.incrementAndGet();
                sequence++;
            }
            next += tickNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < clients; i++) {
            windows.get(i).tryAcquire(inflight, 30, TimeUnit.SECONDS);
        }
        for (MqttAsyncClient c : connections) {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
        System.out.printf(Locale.ROOT, "{\"offered\": %d, \"acknowledged\": %d, \"failed\": %d, \"readings\": %d, \"seconds\": %.2f, \"rate\": %.0f}%n",
                offered.get(), acknowledged.get(), failed.get(), (qos == 1 ? acknowledged.get() : offered.get()) * points, elapsed, offered.get() / elapsed);
        return failed.get() == 0 ? 0 : 1;
    }

    private void publish(MqttAsyncClient client, Semaphore window, int device, long sequence, AtomicLong acknowledged, AtomicLong failed)
            throws MqttException, InterruptedException {
        StringBuilder payload = new StringBuilder(64 + points * 16).append("{\"ts\":").append(System.currentTimeMillis()).append(",\"values\":{");
        for (int p = 0; p < points; p++) {
            payload.append(p == 0 ? "" : ",").append("\"p").append(p).append("\":").append(sequence % 1000 / 10.0);
        }
        payload.append("}}");
        MqttMessage message = new MqttMessage(payload.toString().getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        window.acquire();
        client.publish(topicRoot + "/" + site + "/" + prefix + "-" + device + "/telemetry", message, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acknowledged.incrementAndGet();
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                failed.incrementAndGet();
                window.release();
            }
        });
    }
}

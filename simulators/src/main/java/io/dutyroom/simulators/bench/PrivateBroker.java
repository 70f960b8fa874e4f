package io.dutyroom.simulators.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local Mosquitto binary started on a port of its own with the per-client limits raised
 * (docs/mqtt.md, "Broker settings"): with Mosquitto's default of 20 in-flight messages per client,
 * any ingester that acknowledges after its commit is held to 20 messages per commit, and its default
 * queue of 1,000 drops a burst. Every ingester of the benchmark meets the same broker.
 */
final class PrivateBroker implements AutoCloseable {
    private final ChildProcess process;

    private PrivateBroker(ChildProcess process) {
        this.process = process;
    }

    static PrivateBroker start(int port, Path work) throws IOException, InterruptedException {
        return start(port, work, 1_000_000);
    }

    /**
     * The same with {@code maxQueued} messages queued per client at most, 0 for no limit: the soak
     * queues a backlog of a million or more for a hub that is down, and a limit would drop the excess.
     */
    static PrivateBroker start(int port, Path work, int maxQueued) throws IOException, InterruptedException {
        Path conf = work.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_inflight_messages 1000\nmax_queued_messages " + maxQueued + "\n");
        ChildProcess child = ChildProcess.start("mosquitto", List.of("mosquitto", "-c", conf.toString()), Map.of(), work, null, Duration.ZERO);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new PrivateBroker(child);
            } catch (IOException e) {
                Thread.sleep(100); // not listening yet
            }
        }
        child.close();
        throw new IOException("mosquitto did not listen on 127.0.0.1:" + port + "; see " + work.resolve("mosquitto.log"));
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}

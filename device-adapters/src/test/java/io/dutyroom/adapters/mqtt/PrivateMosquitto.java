package io.dutyroom.adapters.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Mosquitto binary on a loopback port of its own, configured as the issue that found
 * the hub's unbounded acknowledgements had it: a large in-flight window and an unbounded queue per
 * client, so a backlog can build for an offline subscriber. Skipped where there is no binary,
 * unless {@code DUTYROOM_TEST_MOSQUITTO=required} (CI), where its absence fails the test.
 */
public final class PrivateMosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private PrivateMosquitto(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static PrivateMosquitto start(Path dir) throws IOException {
        Path binary = Path.of("/usr/sbin/mosquitto");
        boolean required = "required".equals(System.getenv("DUTYROOM_TEST_MOSQUITTO"));
        if (!Files.isExecutable(binary)) {
            if (required) {
                throw new IllegalStateException("DUTYROOM_TEST_MOSQUITTO=required but " + binary + " is missing (apt-get install mosquitto)");
            }
            Assumptions.abort("no mosquitto binary at " + binary);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_inflight_messages 1000\nmax_queued_messages 0\n");
        PrivateMosquitto broker = new PrivateMosquitto(dir, launch(dir, port), port);
        try {
            broker.awaitListening();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private static Process launch(Path dir, int port) throws IOException {
        return new ProcessBuilder("/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
    }

    private void awaitListening() {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            }
        });
    }

    /** Stops the broker and starts it again on the same port, as an operator's restart does; it keeps nothing (no persistence). */
    public void restart() throws IOException {
        close();
        process = launch(dir, port);
        awaitListening();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

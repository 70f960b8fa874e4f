package io.dutyroom.simulators.estate;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The broker for the simulator's tests: the one named by {@code DUTYROOM_TEST_MQTT_URL} (our CI's
 * Mosquitto), else an embedded HiveMQ CE on a free loopback port, started once per test run.
 */
final class TestBroker {
    private static String url;

    private TestBroker() {
    }

    static synchronized String url() throws Exception {
        if (url == null) {
            String fromEnv = System.getenv("DUTYROOM_TEST_MQTT_URL");
            if (fromEnv != null && !fromEnv.isBlank()) {
                url = fromEnv;
            } else {
                int port;
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = s.getLocalPort();
                }
                Path dir = Files.createTempDirectory("sim-broker");
                Path conf = Files.createDirectories(dir.resolve("conf"));
                Files.writeString(conf.resolve("config.xml"), """
                        <?xml version="1.0"?>
                        <hivemq>
                            <listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
                            <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                        </hivemq>
                        """.formatted(port));
                EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                        .withDataFolder(Files.createDirectories(dir.resolve("data")))
                        .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                        .withoutLoggingBootstrap().build();
                hivemq.start().get(60, TimeUnit.SECONDS);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> hivemq.stop().join()));
                url = "tcp://127.0.0.1:" + port;
            }
        }
        return url;
    }
}

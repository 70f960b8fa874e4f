package io.dutyroom.hub.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup MQTT broker: HiveMQ Community Edition embedded in the hub's process, listening on
 * loopback by default, with its sessions and queued messages kept in the data directory so they
 * survive a restart. Its phone-home usage statistics are switched off.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final EmbeddedHiveMQ hivemq;
    private final String url;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, String url) {
        this.hivemq = hivemq;
        this.url = url;
    }

    public static EmbeddedBroker start(Path directory, String host, int port) {
        try {
            Path config = Files.createDirectories(directory.resolve("conf"));
            Path data = Files.createDirectories(directory.resolve("data"));
            Path extensions = Files.createDirectories(directory.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), configXml(host, port));
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            String url = "tcp://" + host + ":" + port;
            LOG.info("embedded MQTT broker (HiveMQ CE) listening at {}", url);
            return new EmbeddedBroker(hivemq, url);
        } catch (IOException e) {
            throw new StartupException("the embedded MQTT broker cannot use " + directory + ": " + e.getMessage(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("the embedded MQTT broker did not start on " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting the embedded MQTT broker", e);
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("embedded MQTT broker did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String configXml(String host, int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>100000</max-queue-size>
                        </queued-messages>
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, host);
    }
}

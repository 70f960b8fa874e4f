package io.dutyroom.hub.embedded;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.migration.meta.PersistenceType;
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

    /**
     * QoS 1 and 2 messages one client may have unacknowledged on their way in. HiveMQ's default of
     * 10 holds a publisher on loopback to about 2,200 messages/s and disconnects one that sends an
     * eleventh; 100 lets a gateway or the load generator run at its pace, and every message in
     * flight is one the broker is already working on, so this bounds no queue of its own.
     */
    static final int RECEIVE_MAXIMUM = 100;

    private final EmbeddedHiveMQ hivemq;
    private final String url;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, String url) {
        this.hivemq = hivemq;
        this.url = url;
    }

    /**
     * Starts the broker.
     *
     * @param maxQueuedMessages the most messages queued for one client
     * @param deliveryWindow    the most messages in flight to one subscriber: the hub's receive maximum
     */
    public static EmbeddedBroker start(Path directory, String host, int port, int maxQueuedMessages, int deliveryWindow) {
        tune(deliveryWindow);
        try {
            Path config = Files.createDirectories(directory.resolve("conf"));
            Path data = Files.createDirectories(directory.resolve("data"));
            Path extensions = Files.createDirectories(directory.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), configXml(host, port, maxQueuedMessages));
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

    /**
     * Two of HiveMQ CE's internal settings, which config.xml does not reach, set before it starts.
     *
     * <p>The delivery window. HiveMQ CE sends a subscriber at most 50 queued messages at a time, whatever receive maximum
     * the subscriber announces, and reads the next 50 only once every one of them is acknowledged.
     * The hub acknowledges a message when its batch is committed, so that stop-and-wait held the
     * hub to about 620 messages/s (12 database round trips a second), with the hub idle and the
     * rest piling up in the broker. The limit is a static field with no setting in config.xml; it
     * is raised here, before the broker starts, to the hub's own window, which the hub enforces
     * anyway. A client that announces less still gets no more than it announces.
     *
     * <p>The payload store. HiveMQ keeps message payloads in RocksDB, native code whose memory the
     * JVM neither bounds nor sees: under a steady 4,000 messages/s the hub's resident set grew by
     * about 27 MiB a minute while everything the JVM tracks stayed flat (native memory tracking),
     * and in the soak it passed 1.5 GiB in 18 minutes with the heap capped at 512 MiB. HiveMQ's
     * pure-Java store (Xodus, as for its queues) keeps it inside the heap: the resident set stayed
     * flat at the same load and rate (docs/benchmarks.md).
     */
    private static void tune(int messages) {
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = Math.max(InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES, messages);
        InternalConfigurations.PAYLOAD_PERSISTENCE_TYPE.set(PersistenceType.FILE);
        InternalConfigurations.RETAINED_MESSAGE_PERSISTENCE_TYPE.set(PersistenceType.FILE);
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

    private static String configXml(String host, int port, int maxQueuedMessages) {
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
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                        </queued-messages>
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, host, RECEIVE_MAXIMUM, maxQueuedMessages);
    }
}
